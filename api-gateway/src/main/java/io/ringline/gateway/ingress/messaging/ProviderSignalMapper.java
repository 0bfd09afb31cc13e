package io.ringline.gateway.ingress.messaging;

import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.gateway.tenancy.messaging.NumberContextMapper;
import io.ringline.platform.crypto.Hashing;
import io.ringline.schemas.avro.ProviderSignal;
import java.time.Instant;

/** Authenticated provider webhook item → Avro {@code ProviderSignal} (the only direction signals travel). */
final class ProviderSignalMapper {

    /** Epoch milliseconds fit 13 digits until the year 2286; beyond (or before 1970) the id is the hash alone. */
    private static final long LARGEST_PREFIX = 9_999_999_999_999L;

    private ProviderSignalMapper() {
    }

    /** @param occurredAt the provider's own time of the event, null when its payload gives none */
    public static ProviderSignal toAvro(BusinessNumber number, String kind, String payloadJson, Instant occurredAt,
            Instant receivedAt) {
        return ProviderSignal.newBuilder()
                .setSignalId(signalId(number.id(), kind, payloadJson, occurredAt))
                .setReceivedAt(receivedAt)
                .setNumber(NumberContextMapper.toAvro(number))
                .setKind(kind)
                .setPayloadJson(payloadJson)
                .build();
    }

    /**
     * Same number, kind and payload → same id: a provider's duplicate delivery is recognised downstream. The
     * provider's time of the event (from the payload, so a duplicate has it too) comes first, zero-padded epoch
     * milliseconds: ids then sort by time, and the consumers' record of processed ids is written at its index's
     * newest end however many ids it keeps — a bare hash lands on a random page of an index that outgrows memory
     * (docs/performance.md "Seeded history on 8237be9").
     */
    public static String signalId(String numberId, String kind, String payloadJson, Instant occurredAt) {
        String hash = Hashing.sha256Hex(numberId + "|" + kind + "|" + payloadJson);
        if (occurredAt == null || occurredAt.toEpochMilli() < 0 || occurredAt.toEpochMilli() > LARGEST_PREFIX) {
            return hash;
        }
        return String.format("%013d_%s", occurredAt.toEpochMilli(), hash);
    }
}
