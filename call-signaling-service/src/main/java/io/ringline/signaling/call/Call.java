package io.ringline.signaling.call;

import io.ringline.signaling.call.CallEvent.CallConnected;
import io.ringline.signaling.call.CallEvent.CallEnded;
import io.ringline.signaling.call.CallEvent.CallMissed;
import io.ringline.signaling.call.CallEvent.CallRinging;
import io.ringline.signaling.number.NumberRef;
import io.ringline.signaling.number.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The call aggregate. Every change goes through an intention-revealing method that asks the
 * provider's {@link TransitionTable} first (throwing {@link IllegalTransitionException} when the table
 * has no row) and returns the events the change causes, numbered by the call's own sequence.
 */
public final class Call {

    /** A call that came into existence already announcing itself (an inbound offer). */
    public record Opened(Call call, List<CallEvent> events) {
    }

    private final String id;
    private final NumberRef number;
    private final Direction direction;
    private final TransitionTable table;
    private final String peerNumber;
    private final String peerRef;
    private final String bizOpaqueCallbackData;
    private final String sdpOffer;
    private final Instant startedAt;
    private final Instant createdAt;
    private final long version;
    private CallStatus status;
    private EndReason endReason;
    private String externalCallId;
    private Integer durationSeconds;
    private String sdpAnswer;
    private Instant connectedAt;
    private Instant endedAt;
    private Instant updatedAt;
    private long eventSequence;

    private Call(CallSnapshot s) {
        this.id = s.id();
        this.number = s.number();
        this.direction = s.direction();
        this.table = TransitionTable.of(s.number().provider());
        this.peerNumber = s.peerNumber();
        this.bizOpaqueCallbackData = s.bizOpaqueCallbackData();
        this.sdpOffer = s.sdpOffer();
        this.startedAt = s.startedAt();
        this.createdAt = s.createdAt();
        this.version = s.version();
        this.status = s.status();
        this.endReason = s.endReason();
        this.externalCallId = s.externalCallId();
        this.peerRef = s.peerRef();
        this.durationSeconds = s.durationSeconds();
        this.sdpAnswer = s.sdpAnswer();
        this.connectedAt = s.connectedAt();
        this.endedAt = s.endedAt();
        this.updatedAt = s.updatedAt();
        this.eventSequence = s.eventSequence();
    }

    public static Call restore(CallSnapshot snapshot) {
        return new Call(snapshot);
    }

    /** A business-initiated call Ringline accepted; the provider has not been asked yet. */
    public static Call placeOutbound(String id, NumberRef number, String peerNumber, String bizOpaqueCallbackData,
            String sdpOffer, Instant now) {
        return new Call(new CallSnapshot(id, number, Direction.OUTBOUND, Peer.of(peerNumber), null,
                bizOpaqueCallbackData, Progress.of(CallStatus.INITIATED), Sdp.offered(sdpOffer), Timeline.started(now, now),
                Revision.NEW));
    }

    /** A WhatsApp user calls the business: the call starts RINGING and says so. */
    public static Opened receiveInbound(String id, NumberRef number, String externalCallId, String peerNumber,
            String peerRef, String sdpOffer, Instant offeredAt, Instant now) {
        Call call = new Call(new CallSnapshot(id, number, Direction.INBOUND, new Peer(peerNumber, peerRef),
                externalCallId, null, Progress.of(CallStatus.RINGING), Sdp.offered(sdpOffer),
                Timeline.started(offeredAt, now), Revision.NEW));
        return new Opened(call, List.of(call.emit(now)));
    }

    public boolean permits(Trigger trigger) {
        return table.next(direction, status, trigger).isPresent();
    }

    /**
     * Whether what a business action asks is already true of the call, so the action has nothing left to do —
     * the provider's own report of the same change was applied first. Answered (ACCEPT) means ACCEPTED;
     * declining and hanging up (REJECT, TERMINATE) mean ended, however; a pre-accept is done while it rings.
     */
    public boolean alreadyDone(Trigger action) {
        return switch (action) {
            case PRE_ACCEPT -> status == CallStatus.RINGING;
            case ACCEPT -> status == CallStatus.ACCEPTED;
            case REJECT, TERMINATE -> status.isTerminal();
            default -> throw new IllegalArgumentException(action + " is not a business action");
        };
    }

    /** The provider took the call request and named it; the status does not change. */
    public void noteProviderAccepted(String externalCallId, Instant now) {
        if (this.externalCallId != null && !this.externalCallId.equals(externalCallId)) {
            throw new IllegalStateException("call " + id + " already has provider id " + this.externalCallId);
        }
        this.externalCallId = externalCallId;
        this.updatedAt = now;
    }

    public List<CallEvent> noteRinging(Instant now) {
        return move(Trigger.PROVIDER_RINGING, now, () -> { });
    }

    public List<CallEvent> noteAnswered(Instant now) {
        return move(Trigger.PEER_ANSWERED, now, () -> connectedAt = now);
    }

    /**
     * The provider's SDP answer to the offer of a business-initiated call (META): kept for the tenant's
     * WebRTC client; the status does not change (the provider's ringing and answer reports do that).
     */
    public void noteRemoteAnswer(String sdpAnswer, Instant now) {
        if (direction == Direction.OUTBOUND && !status.isTerminal() && sdpAnswer != null) {
            this.sdpAnswer = sdpAnswer;
            this.updatedAt = now;
        }
    }

    /**
     * Why an accept with {@code sdpAnswer} cannot be sent: Meta requires the accept's SDP to equal the
     * pre-accept's when both are sent. Empty when it can.
     */
    public Optional<String> answerConflict(String sdpAnswer) {
        boolean preAccepted = direction == Direction.INBOUND && this.sdpAnswer != null;
        if (preAccepted && sdpAnswer != null && !sdpAnswer.equals(this.sdpAnswer)) {
            return Optional.of("The accept SDP must equal the SDP sent with pre-accept");
        }
        return Optional.empty();
    }

    /** The SDP answer an accept sends: the one given, else the pre-accepted one. */
    public String answerSdp(String sdpAnswer) {
        return sdpAnswer != null ? sdpAnswer : direction == Direction.INBOUND ? this.sdpAnswer : null;
    }

    public List<CallEvent> preAccept(String sdpAnswer, Instant now) {
        return move(Trigger.PRE_ACCEPT, now, () -> this.sdpAnswer = sdpAnswer);
    }

    public List<CallEvent> answer(String sdpAnswer, Instant now) {
        return move(Trigger.ACCEPT, now, () -> {
            connectedAt = now;
            if (sdpAnswer != null) {
                this.sdpAnswer = sdpAnswer;
            }
        });
    }

    public List<CallEvent> reject(Instant now) {
        return end(Trigger.REJECT, EndReason.REJECTED, null, now);
    }

    public List<CallEvent> noteDeclined(Instant now) {
        return end(Trigger.DECLINED, EndReason.REJECTED, null, now);
    }

    /** The business hangs up: an answered call completes, an unanswered outbound one is called off. */
    public List<CallEvent> terminate(Instant now) {
        return end(Trigger.TERMINATE, isAnswered() ? EndReason.HANGUP : EndReason.CANCELLED, null, now);
    }

    /**
     * The provider reports the call over. A failure fails it; otherwise an answered call completes
     * whatever the reason (with the provider's duration when it gave one), and an unanswered one was
     * declined, rang out, or was given up. A duration on a call not seen answered means the answer is
     * still on its way: both are reported.
     */
    public List<CallEvent> noteEnded(EndCause cause, Integer reportedDurationSeconds, Instant now) {
        return noteEnded(cause, reportedDurationSeconds, null, now);
    }

    /** As above; a failure ends with {@code failureReason} (the provider's own code) when given. */
    public List<CallEvent> noteEnded(EndCause cause, Integer reportedDurationSeconds, EndReason failureReason,
            Instant now) {
        List<CallEvent> answered = List.of();
        if (!isAnswered() && reportedDurationSeconds != null && reportedDurationSeconds > 0
                && permits(Trigger.PEER_ANSWERED)) {
            answered = noteAnswered(now.minusSeconds(reportedDurationSeconds));
        }
        List<CallEvent> ended;
        if (cause == EndCause.FAILURE) {
            ended = end(Trigger.FAILURE, failureReason != null ? failureReason : EndReason.PROVIDER_ERROR,
                    reportedDurationSeconds, now);
        } else if (isAnswered()) {
            ended = end(Trigger.HUNG_UP, EndReason.HANGUP, reportedDurationSeconds, now);
        } else {
            ended = switch (cause) {
                case DECLINED -> end(Trigger.DECLINED, EndReason.REJECTED, null, now);
                case TIMEOUT -> end(Trigger.RING_TIMEOUT, EndReason.NO_ANSWER, null, now);
                case HANGUP, FAILURE -> end(Trigger.HUNG_UP, EndReason.CANCELLED, null, now);
            };
        }
        return concat(answered, ended);
    }

    /** Rang too long: an outbound call fails with NO_ANSWER, an inbound one is missed. */
    public List<CallEvent> timeOut(Instant now) {
        return end(Trigger.RING_TIMEOUT, EndReason.NO_ANSWER, null, now);
    }

    /**
     * The media bridge reported the end of a play (EVO_GO only; also after the call ended, since a play stops
     * when its call does). Numbered in the call's sequence; the status does not change.
     */
    public List<CallEvent> notePlayFinished(String playId, String outcome, Instant now) {
        if (number.provider() != Provider.EVO_GO) {
            throw new IllegalArgumentException("plays exist on EVO_GO calls only");
        }
        eventSequence++;
        updatedAt = now;
        return List.of(new CallEvent.PlayFinished(eventSequence, now, snapshot(), playId, outcome));
    }

    /**
     * The provider went silent and reconciliation settles the call ({@code SIGNAL_LOST}): an answered call
     * completes (with the provider's duration when it gave one), an unanswered one fails (outbound) or is missed
     * (inbound).
     */
    public List<CallEvent> reconcile(Integer reportedDurationSeconds, Instant now) {
        return end(Trigger.RECONCILED, EndReason.SIGNAL_LOST, reportedDurationSeconds, now);
    }

    public List<CallEvent> fail(EndReason reason, Instant now) {
        return end(Trigger.FAILURE, reason, null, now);
    }

    /**
     * The only place {@code endedAt} is set: the calls table's partial indexes take "no ended_at" for "in progress"
     * (signaling V8), and {@code TransitionTableContract} checks that every ending trigger leads to a terminal status
     * and no other trigger does.
     */
    private List<CallEvent> end(Trigger trigger, EndReason reason, Integer reportedDurationSeconds, Instant now) {
        return move(trigger, now, () -> {
            endReason = reason;
            endedAt = now;
            if (isAnswered()) {
                durationSeconds = reportedDurationSeconds != null
                        ? reportedDurationSeconds
                        : (int) Math.max(0, Duration.between(connectedAt, now).toSeconds());
            }
        });
    }

    private List<CallEvent> move(Trigger trigger, Instant now, Runnable effect) {
        CallStatus to = table.next(direction, status, trigger)
                .orElseThrow(() -> new IllegalTransitionException(status, trigger));
        CallStatus from = status;
        effect.run();
        status = to;
        updatedAt = now;
        return from == to ? List.of() : List.of(emit(now));
    }

    private CallEvent emit(Instant now) {
        eventSequence++;
        CallSnapshot after = snapshot();
        return switch (status) {
            case RINGING -> new CallRinging(eventSequence, now, after);
            case ACCEPTED -> new CallConnected(eventSequence, now, after);
            case COMPLETED, REJECTED, FAILED -> new CallEnded(eventSequence, now, after);
            case MISSED -> new CallMissed(eventSequence, now, after);
            case INITIATED -> throw new IllegalStateException("no transition leads back to INITIATED");
        };
    }

    private static List<CallEvent> concat(List<CallEvent> first, List<CallEvent> then) {
        return Stream.concat(first.stream(), then.stream()).toList();
    }

    private boolean isAnswered() {
        return connectedAt != null;
    }

    public CallSnapshot snapshot() {
        return new CallSnapshot(id, number, direction, new Peer(peerNumber, peerRef), externalCallId,
                bizOpaqueCallbackData, new Progress(status, endReason, durationSeconds), new Sdp(sdpOffer, sdpAnswer),
                new Timeline(createdAt, startedAt, connectedAt, endedAt, updatedAt), new Revision(eventSequence, version));
    }

    public String id() {
        return id;
    }

    public NumberRef number() {
        return number;
    }

    public Direction direction() {
        return direction;
    }

    public CallStatus status() {
        return status;
    }

    public String externalCallId() {
        return externalCallId;
    }

    public String sdpAnswer() {
        return sdpAnswer;
    }

    /**
     * A business-initiated call Ringline gave up placing because the provider did not answer in time (or this
     * service stopped before recording its answer): the provider may have created it all the same, so an id it
     * names later belongs here, and the provider must be told to hang that call up.
     */
    public boolean gaveUpBeforeProviderNamedIt() {
        return direction == Direction.OUTBOUND && externalCallId == null && status.isTerminal()
                && EndReason.PROVIDER_TIMEOUT.equals(endReason);
    }
}
