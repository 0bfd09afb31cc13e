package io.ringline.sandbox.meta;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.ringline.sandbox.meta.media.UserPhone;
import io.ringline.sandbox.sim.call.CallDirection;
import io.ringline.sandbox.sim.call.SimulatedCallJournal;
import io.ringline.sandbox.sim.call.CallPhase;
import io.ringline.sandbox.sim.call.SimulatedCallView;
import io.ringline.sandbox.sim.call.SimulatedProvider;
import io.ringline.sandbox.sim.call.SimulatedCall;

/**
 * One call on a simulated Cloud API number. Business actions (Graph API) throw {@link GraphException} when Meta
 * would refuse them; user and timer actions return no signals when they come too late.
 */
public final class MetaCall implements SimulatedCall {

    private final String id;
    private final String phoneNumberId;
    private final String businessPhone;
    private final String user;
    private final MetaDirection direction;
    private final Instant createdAt;
    private final UserPhone phone;
    private final SimulatedCallJournal journal = new SimulatedCallJournal();

    private MetaCallState state = MetaCallState.RINGING;
    private String sdpOffer;
    private String sdpAnswer;
    private String preAcceptSdp;
    private String bizOpaqueCallbackData;
    private Instant acceptedAt;
    private Instant endedAt;
    private String endStatus;

    private MetaCall(String id, String phoneNumberId, String businessPhone, String user, MetaDirection direction,
            Instant createdAt, String sdpOffer, String bizOpaqueCallbackData, UserPhone phone) {
        this.id = id;
        this.phoneNumberId = phoneNumberId;
        this.businessPhone = businessPhone;
        this.user = user;
        this.direction = direction;
        this.createdAt = createdAt;
        this.sdpOffer = sdpOffer;
        this.bizOpaqueCallbackData = bizOpaqueCallbackData;
        this.phone = phone;
    }

    /** The business called with its offer; the user's phone makes Meta's answer ({@link #announce}). */
    public static MetaCall businessInitiated(String id, MetaNumber number, String user, String offer,
            String bizOpaqueCallbackData, UserPhone phone, Instant now) {
        return new MetaCall(id, number.phoneNumberId(), number.phone(), user, MetaDirection.BUSINESS_INITIATED, now,
                offer, bizOpaqueCallbackData, phone);
    }

    /** The user called; the user's phone makes Meta's offer ({@link #announce}), which the business must answer. */
    public static MetaCall userInitiated(String id, MetaNumber number, String user, UserPhone phone, Instant now) {
        return new MetaCall(id, number.phoneNumberId(), number.phone(), user, MetaDirection.USER_INITIATED, now,
                null, null, phone);
    }

    /**
     * Meta tells the business about the call once the user's phone has its SDP ({@code phoneSdp}): the offer for a
     * user-initiated call; for a business-initiated one the SDP answer to apply, then that the user's phone rings.
     */
    public synchronized List<MetaSignal> announce(String phoneSdp, Instant now) {
        if (state != MetaCallState.RINGING) {
            return List.of();
        }
        if (direction == MetaDirection.USER_INITIATED) {
            sdpOffer = phoneSdp;
        } else {
            sdpAnswer = phoneSdp;
        }
        return direction == MetaDirection.USER_INITIATED
                ? List.of(new MetaSignal.Connect(now, "offer", sdpOffer))
                : List.of(new MetaSignal.Connect(now, "answer", sdpAnswer), new MetaSignal.Status(now, "RINGING"));
    }

    /** Stores the business's answer early so media can be set up; the call keeps ringing. */
    public synchronized List<MetaSignal> preAccept(String sdp) {
        requireUserInitiated("pre_accept");
        requireRinging("pre_accept");
        if (preAcceptSdp != null && !SdpComparison.same(preAcceptSdp, sdp)) {
            throw GraphException.invalidParameter("pre_accept was already sent with a different SDP");
        }
        preAcceptSdp = sdp;
        return List.of();
    }

    public synchronized List<MetaSignal> accept(String sdp, String bizOpaque, Instant now) {
        requireUserInitiated("accept");
        requireRinging("accept");
        if (preAcceptSdp != null && !SdpComparison.same(preAcceptSdp, sdp)) {
            throw GraphException.invalidParameter("The accept SDP must be identical to the pre_accept SDP");
        }
        sdpAnswer = sdp;
        if (bizOpaque != null) {
            bizOpaqueCallbackData = bizOpaque;
        }
        state = MetaCallState.ACCEPTED;
        acceptedAt = now;
        return List.of();
    }

    public synchronized List<MetaSignal> reject(Instant now) {
        requireUserInitiated("reject");
        requireRinging("reject");
        return end(now);
    }

    /** Ends the call from the business side, whether answered yet or not. */
    public synchronized List<MetaSignal> terminate(Instant now) {
        if (state == MetaCallState.ENDED) {
            throw GraphException.invalidParameter("Call " + id + " has already ended");
        }
        return end(now);
    }

    public synchronized List<MetaSignal> userAnswers(Instant now) {
        if (direction != MetaDirection.BUSINESS_INITIATED || state != MetaCallState.RINGING) {
            return List.of();
        }
        state = MetaCallState.ACCEPTED;
        acceptedAt = now;
        return List.of(new MetaSignal.Status(now, "ACCEPTED"));
    }

    public synchronized List<MetaSignal> userRejects(Instant now) {
        if (direction != MetaDirection.BUSINESS_INITIATED || state != MetaCallState.RINGING) {
            return List.of();
        }
        return List.of(new MetaSignal.Status(now, "REJECTED"), end(now).getFirst());
    }

    /** The user hangs up; declining when a business call still rings at the user. */
    public synchronized List<MetaSignal> userHangsUp(Instant now) {
        return switch (state) {
            case ENDED -> List.of();
            case RINGING -> direction == MetaDirection.BUSINESS_INITIATED ? userRejects(now) : end(now);
            case ACCEPTED -> end(now);
        };
    }

    /** Unanswered: the user did not pick up, or the business did not accept within the window. */
    public synchronized List<MetaSignal> timeOut(Instant now) {
        return state == MetaCallState.RINGING ? end(now) : List.of();
    }

    private List<MetaSignal> end(Instant now) {
        boolean answered = state == MetaCallState.ACCEPTED;
        state = MetaCallState.ENDED;
        endedAt = now;
        endStatus = answered ? "COMPLETED" : "FAILED";
        return List.of(answered
                ? new MetaSignal.Terminate(now, endStatus, acceptedAt, now, durationSeconds(now))
                : new MetaSignal.Terminate(now, endStatus, null, null, null));
    }

    private void requireUserInitiated(String action) {
        if (direction != MetaDirection.USER_INITIATED) {
            throw GraphException.invalidParameter("Action " + action
                    + " is only valid for user-initiated calls; call " + id + " is business-initiated");
        }
    }

    private void requireRinging(String action) {
        if (state != MetaCallState.RINGING) {
            throw GraphException.invalidParameter("Cannot " + action + " call " + id + ": the call is "
                    + (state == MetaCallState.ENDED ? "already ended" : "already accepted"));
        }
    }

    /** Answered seconds, rounded; 0 when never answered. */
    public synchronized long durationSeconds(Instant now) {
        if (acceptedAt == null) {
            return 0;
        }
        return Math.round(Duration.between(acceptedAt, endedAt != null ? endedAt : now).toMillis() / 1000.0);
    }

    public String id() {
        return id;
    }

    public String phoneNumberId() {
        return phoneNumberId;
    }

    public String businessPhone() {
        return businessPhone;
    }

    public String user() {
        return user;
    }

    public MetaDirection direction() {
        return direction;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public SimulatedCallJournal journal() {
        return journal;
    }

    public UserPhone phone() {
        return phone;
    }

    public synchronized MetaCallState state() {
        return state;
    }

    public synchronized boolean wasAnswered() {
        return acceptedAt != null;
    }

    public synchronized String bizOpaqueCallbackData() {
        return bizOpaqueCallbackData;
    }

    public synchronized boolean isLive() {
        return state != MetaCallState.ENDED;
    }

    @Override
    public String externalCallId() {
        return id;
    }

    @Override
    public synchronized boolean endedBefore(Instant cutoff) {
        return endedAt != null && endedAt.isBefore(cutoff);
    }

    @Override
    public synchronized SimulatedCallView snapshot(Instant now) {
        return new SimulatedCallView(id, SimulatedProvider.META,
                direction == MetaDirection.USER_INITIATED ? CallDirection.INBOUND : CallDirection.OUTBOUND,
                switch (state) {
                    case RINGING -> CallPhase.RINGING;
                    case ACCEPTED -> CallPhase.ACTIVE;
                    case ENDED -> CallPhase.ENDED;
                },
                endStatus, new SimulatedCallView.Parties(phoneNumberId, user, businessPhone),
                new SimulatedCallView.Times(createdAt, acceptedAt, endedAt, durationSeconds(now)), journal.view(),
                new SimulatedCallView.MetaSide(bizOpaqueCallbackData, sdpOffer,
                        sdpAnswer != null ? sdpAnswer : preAcceptSdp, phone.view()),
                SimulatedCallView.GoSide.NONE);
    }
}
