package io.ringline.signaling.call;

import io.ringline.platform.vocabulary.CallPermissionStatus;
import io.ringline.signaling.number.NumberRef;
import java.time.Instant;

/**
 * What a provider told a number that is not a transition of one call: published as it came, numbered in the
 * number's own event sequence (1, 2, 3 … per number; a call's events have theirs).
 */
public sealed interface NumberEvent {

    long sequence();

    NumberRef number();

    Instant occurredAt();

    /**
     * Meta's own webhook envelope {@code {object, entry}} holding one {@code calls} change, as the gateway received
     * it (docs/internal-apis.md), for tenants doing their own signaling. {@code call} is the
     * call it names when Ringline knows it (then its fields describe the event), else null and the
     * provider's id, direction and peer as the value gave them.
     */
    record CallsReported(long sequence, NumberRef number, Instant occurredAt, String rawJson, CallSnapshot call,
            String externalCallId, Direction direction, String peerNumber) implements NumberEvent {
    }

    /**
     * A WhatsApp user answered a call-permission request; {@code expiresAt} when a temporary permission ends (else null).
     */
    record PermissionUpdated(long sequence, NumberRef number, Instant occurredAt, String peerNumber,
            CallPermissionStatus permissionStatus, Instant expiresAt) implements NumberEvent {
    }
}
