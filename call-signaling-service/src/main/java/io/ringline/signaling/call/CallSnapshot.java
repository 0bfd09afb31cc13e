package io.ringline.signaling.call;

import io.ringline.signaling.number.NumberRef;
import io.ringline.signaling.number.Provider;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything Ringline knows about a call at one moment: what persistence stores, what events carry
 * and what the query API shows. {@code version} is the optimistic-lock version it was loaded with;
 * {@code eventSequence} the sequence of the last event the call produced.
 *
 * @param peerRef the provider's own handle for the WhatsApp user (GO: the CallCreator JID), if it gave one
 */
public record CallSnapshot(
        String id,
        NumberRef number,
        Direction direction,
        CallStatus status,
        EndReason endReason,
        String externalCallId,
        String peerNumber,
        String peerRef,
        Integer durationSeconds,
        String bizOpaqueCallbackData,
        String sdpOffer,
        String sdpAnswer,
        Instant startedAt,
        Instant connectedAt,
        Instant endedAt,
        Instant createdAt,
        Instant updatedAt,
        long eventSequence,
        long version) {

    /** Meta bills answered business-initiated calls by pulse; nothing else has billing. */
    public Optional<Billing> billing() {
        boolean billable = number.provider() == Provider.META && direction == Direction.OUTBOUND
                && connectedAt != null && durationSeconds != null;
        return billable ? Optional.of(Billing.forAnsweredSeconds(durationSeconds)) : Optional.empty();
    }
}
