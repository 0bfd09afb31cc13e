package io.ringline.sandbox.evogo;

import static io.ringline.sandbox.evogo.GoCallRefusedException.Kind.WRONG_CALL;
import static io.ringline.sandbox.evogo.GoCallRefusedException.Kind.WRONG_STATE;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.ringline.sandbox.sim.Phones;
import io.ringline.sandbox.sim.call.CallDirection;
import io.ringline.sandbox.sim.call.SimulatedCallJournal;
import io.ringline.sandbox.sim.call.CallPhase;
import io.ringline.sandbox.sim.call.SimulatedCallView;
import io.ringline.sandbox.sim.call.SimulatedProvider;
import io.ringline.sandbox.sim.call.SimulatedCall;

/**
 * One call on a simulated Evolution GO instance. Owns its transitions: business actions (from the GO API) throw
 * {@link GoCallRefusedException} when illegal, as a real server answers an error; user and timer actions simply
 * return no signals when they come too late (the user "answers" a call that already timed out).
 */
public final class GoCall implements SimulatedCall {

    private final String callId;
    private final String instanceName;
    private final String businessPhone;
    private final String peer;
    private final GoDirection direction;
    private final Instant startedAt;
    private final SimulatedCallJournal journal = new SimulatedCallJournal();

    private GoCallState state = GoCallState.RINGING;
    private Instant answeredAt;
    private Instant endedAt;
    private String endReason;

    private GoCall(String callId, String instanceName, String businessPhone, String peer, GoDirection direction,
            Instant startedAt) {
        this.callId = callId;
        this.instanceName = instanceName;
        this.businessPhone = businessPhone;
        this.peer = peer;
        this.direction = direction;
        this.startedAt = startedAt;
    }

    public static GoCall outgoing(String callId, String instanceName, String businessPhone, String peer,
            Instant now) {
        return new GoCall(callId, instanceName, businessPhone, peer, GoDirection.OUTGOING, now);
    }

    public static GoCall incoming(String callId, String instanceName, String businessPhone, String peer,
            Instant now) {
        return new GoCall(callId, instanceName, businessPhone, peer, GoDirection.INCOMING, now);
    }

    /** The provider tells the instance about the call: an offer when incoming, ringing when outgoing. */
    public synchronized List<GoSignal> announce(Instant now) {
        if (state != GoCallState.RINGING) {
            return List.of();
        }
        return List.of(direction == GoDirection.INCOMING ? new GoSignal.Offer(now) : new GoSignal.Ringing(now));
    }

    public synchronized List<GoSignal> answerByBusiness(Instant now) {
        requireIncoming("answer");
        requireRinging("answer");
        return answer(now);
    }

    public synchronized List<GoSignal> rejectByBusiness(Instant now, String callCreator) {
        requireIncoming("reject");
        if (!Phones.normalize(callCreator).map(peer::equals).orElse(false)) {
            throw new GoCallRefusedException(WRONG_CALL, "callCreator does not match the call's creator");
        }
        requireRinging("reject");
        return reject(now);
    }

    public synchronized List<GoSignal> hangUpByBusiness(Instant now) {
        if (state == GoCallState.ENDED) {
            throw new GoCallRefusedException(WRONG_STATE, "call already ended");
        }
        return end(now, "hangup");
    }

    public synchronized List<GoSignal> userAnswers(Instant now) {
        return direction == GoDirection.OUTGOING && state == GoCallState.RINGING ? answer(now) : List.of();
    }

    public synchronized List<GoSignal> userRejects(Instant now) {
        return direction == GoDirection.OUTGOING && state == GoCallState.RINGING ? reject(now) : List.of();
    }

    /** The user hangs up; on an outgoing call still ringing at the user that is declining it. */
    public synchronized List<GoSignal> userHangsUp(Instant now) {
        return switch (state) {
            case ENDED -> List.of();
            case RINGING -> direction == GoDirection.OUTGOING ? reject(now) : end(now, "hangup");
            case ACTIVE -> end(now, "hangup");
        };
    }

    /** Nobody answered in time: the no-answer timeout (outgoing) or the accept window (incoming) ran out. */
    public synchronized List<GoSignal> timeOut(Instant now) {
        return state == GoCallState.RINGING ? end(now, "timeout") : List.of();
    }

    /** The instance lost its WhatsApp connection, which drops every call it carries. */
    public synchronized List<GoSignal> connectionLost(Instant now) {
        return state == GoCallState.ENDED ? List.of() : end(now, "connection_lost");
    }

    /** Audio can only be played into, or streamed from, an answered call. */
    public synchronized void requireActive(String action) {
        if (state != GoCallState.ACTIVE) {
            throw new GoCallRefusedException(WRONG_STATE, "cannot " + action + ": call is " + stateName());
        }
    }

    private List<GoSignal> answer(Instant now) {
        state = GoCallState.ACTIVE;
        answeredAt = now;
        return List.of(new GoSignal.Accepted(now));
    }

    private List<GoSignal> reject(Instant now) {
        List<GoSignal> ended = end(now, "rejected");
        return List.of(new GoSignal.Rejected(now), ended.getFirst());
    }

    private List<GoSignal> end(Instant now, String reason) {
        state = GoCallState.ENDED;
        endedAt = now;
        endReason = reason;
        return List.of(new GoSignal.Terminated(now, reason, durationSeconds(now)));
    }

    private void requireIncoming(String action) {
        if (direction != GoDirection.INCOMING) {
            throw new GoCallRefusedException(WRONG_CALL, "cannot " + action + " an outgoing call");
        }
    }

    private void requireRinging(String action) {
        if (state != GoCallState.RINGING) {
            throw new GoCallRefusedException(WRONG_STATE, "cannot " + action + ": call is " + stateName());
        }
    }

    private String stateName() {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** Answered time, rounded to whole seconds; 0 when never answered. */
    public synchronized long durationSeconds(Instant now) {
        if (answeredAt == null) {
            return 0;
        }
        Instant until = endedAt != null ? endedAt : now;
        return Math.round(Duration.between(answeredAt, until).toMillis() / 1000.0);
    }

    public String callId() {
        return callId;
    }

    public String instanceName() {
        return instanceName;
    }

    public String businessPhone() {
        return businessPhone;
    }

    public String peer() {
        return peer;
    }

    public GoDirection direction() {
        return direction;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public SimulatedCallJournal journal() {
        return journal;
    }

    public synchronized GoCallState state() {
        return state;
    }

    /** Who placed the call: the user for incoming calls, the instance's own number for outgoing ones. */
    public String creatorPhone() {
        return direction == GoDirection.INCOMING ? peer : businessPhone;
    }

    @Override
    public String externalCallId() {
        return callId;
    }

    @Override
    public synchronized boolean endedBefore(Instant cutoff) {
        return endedAt != null && endedAt.isBefore(cutoff);
    }

    @Override
    public synchronized SimulatedCallView snapshot(Instant now) {
        return new SimulatedCallView(callId, SimulatedProvider.EVO_GO,
                direction == GoDirection.INCOMING ? CallDirection.INBOUND : CallDirection.OUTBOUND,
                switch (state) {
                    case RINGING -> CallPhase.RINGING;
                    case ACTIVE -> CallPhase.ACTIVE;
                    case ENDED -> CallPhase.ENDED;
                },
                endReason, new SimulatedCallView.Parties(instanceName, peer, businessPhone),
                new SimulatedCallView.Times(startedAt, answeredAt, endedAt, durationSeconds(now)), journal.view(),
                SimulatedCallView.MetaSide.NONE, new SimulatedCallView.GoSide(journal.realtime()));
    }
}
