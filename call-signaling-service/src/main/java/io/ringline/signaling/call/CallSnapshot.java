package io.ringline.signaling.call;

import io.ringline.platform.vocabulary.Billing;
import io.ringline.signaling.number.NumberRef;
import io.ringline.signaling.number.Provider;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything Ringline knows about a call at one moment: what persistence stores, what events carry and what the
 * query API shows. Made of small values ({@link Peer}, {@link Progress}, {@link Sdp}, {@link Timeline},
 * {@link Revision}), each checking its own invariants; the flat accessors below read through them for the
 * mappers (persistence, Avro, HTTP) that write one column or field per value.
 *
 * @param externalCallId the provider's id for the call, once it named it
 * @param bizOpaqueCallbackData the tenant's own reference for an outbound call, if it gave one
 */
public record CallSnapshot(
        String id,
        NumberRef number,
        Direction direction,
        Peer peer,
        String externalCallId,
        String bizOpaqueCallbackData,
        Progress progress,
        Sdp sdp,
        Timeline times,
        Revision revision) {

    public CallSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(sdp, "sdp");
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(revision, "revision");
    }

    /** Meta bills answered business-initiated calls by pulse; nothing else has billing. */
    public Optional<Billing> billing() {
        boolean billable = number.provider() == Provider.META && direction == Direction.OUTBOUND
                && times.connectedAt() != null && progress.durationSeconds() != null;
        return billable ? Optional.of(Billing.forAnsweredSeconds(progress.durationSeconds())) : Optional.empty();
    }

    public CallStatus status() {
        return progress.status();
    }

    public EndReason endReason() {
        return progress.endReason();
    }

    public Integer durationSeconds() {
        return progress.durationSeconds();
    }

    public String peerNumber() {
        return peer.number();
    }

    public String peerRef() {
        return peer.ref();
    }

    public String sdpOffer() {
        return sdp.offer();
    }

    public String sdpAnswer() {
        return sdp.answer();
    }

    public Instant startedAt() {
        return times.startedAt();
    }

    public Instant connectedAt() {
        return times.connectedAt();
    }

    public Instant endedAt() {
        return times.endedAt();
    }

    public Instant createdAt() {
        return times.createdAt();
    }

    public Instant updatedAt() {
        return times.updatedAt();
    }

    public long eventSequence() {
        return revision.eventSequence();
    }

    public long version() {
        return revision.version();
    }
}
