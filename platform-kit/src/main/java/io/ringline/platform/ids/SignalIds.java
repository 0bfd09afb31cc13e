package io.ringline.platform.ids;

import io.ringline.platform.crypto.Hashing;
import java.time.Instant;

/**
 * The id of a {@code ProviderSignal} on {@code provider.signals}, whoever writes it (the gateway for provider
 * webhooks, the media bridge for a play's end). Same number, kind and content → same id, so a repeat is recognised
 * by the consumers' record of processed ids. The time of the event comes first, zero-padded epoch milliseconds: ids
 * then sort by time and that record is written at its index's newest end however many ids it keeps — a bare hash
 * lands on a random page of an index that outgrows memory (docs/performance.md "Seeded history on 8237be9").
 */
public final class SignalIds {

    /** Epoch milliseconds fit 13 digits until the year 2286; beyond (or before 1970) the id is the hash alone. */
    private static final long LARGEST_PREFIX = 9_999_999_999_999L;

    private SignalIds() {
    }

    /**
     * @param content    what makes the signal itself (a webhook's payload, a play's id)
     * @param occurredAt when the event happened, taken from what a repeat carries too (the provider's payload, the
     *                   play's id); null when there is none, and the id is then the hash alone
     */
    public static String of(String numberId, String kind, String content, Instant occurredAt) {
        String hash = Hashing.sha256Hex(numberId + "|" + kind + "|" + content);
        if (occurredAt == null || occurredAt.toEpochMilli() < 0 || occurredAt.toEpochMilli() > LARGEST_PREFIX) {
            return hash;
        }
        return String.format("%013d_%s", occurredAt.toEpochMilli(), hash);
    }
}
