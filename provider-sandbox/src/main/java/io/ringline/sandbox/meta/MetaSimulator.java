package io.ringline.sandbox.meta;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;

import io.ringline.sandbox.meta.media.UserPhone;
import io.ringline.sandbox.meta.media.WhatsAppPhones;
import io.ringline.sandbox.meta.permission.CallPermissions;
import io.ringline.sandbox.meta.permission.PermissionState;
import io.ringline.sandbox.meta.permission.PermissionStatus;
import io.ringline.sandbox.meta.permission.UsageLimit;
import io.ringline.sandbox.meta.sdp.SdpRole;
import io.ringline.sandbox.meta.sdp.SdpRules;
import io.ringline.sandbox.meta.settings.CallingSettings;
import io.ringline.sandbox.meta.webhook.MetaWebhooks;
import io.ringline.sandbox.sim.CallTimingProperties;
import io.ringline.sandbox.sim.Phones;
import io.ringline.sandbox.sim.Timers;
import io.ringline.sandbox.sim.call.CallDirection;
import io.ringline.sandbox.sim.call.CallIds;
import io.ringline.sandbox.sim.call.SimulatedProvider;
import io.ringline.sandbox.sim.call.ProviderSimulator;
import io.ringline.sandbox.sim.call.SandboxCallMetrics;
import io.ringline.sandbox.sim.call.UserCallRefusedException;
import io.ringline.sandbox.sim.user.PermissionAnswer;
import io.ringline.sandbox.sim.user.SimulatedUsers;
import io.ringline.sandbox.sim.user.UserBehaviour;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The simulated Cloud API calling backend: checks business call actions as Meta does, plays the simulated users,
 * produces Meta's SDPs, and reports every transition as a signed webhook.
 */
@Service
public class MetaSimulator implements ProviderSimulator {

    static final int CONCURRENT_CALLS_LIMIT = 1_000;
    static final int BIZ_OPAQUE_MAX_LENGTH = 512;

    private final MetaNumbers numbers;
    private final MetaCalls calls;
    private final CallingSettings settings;
    private final CallPermissions permissions;
    private final MetaWebhooks webhooks;
    private final SimulatedUsers users;
    private final Timers timers;
    private final CallTimingProperties timing;
    private final SandboxCallMetrics metrics;
    private final WhatsAppPhones phones;
    private final Clock clock;

    MetaSimulator(MetaNumbers numbers, MetaCalls calls, CallingSettings settings, CallPermissions permissions,
            MetaWebhooks webhooks, SimulatedUsers users, Timers timers, CallTimingProperties timing,
            SandboxCallMetrics metrics, WhatsAppPhones phones, Clock clock) {
        this.phones = phones;
        this.numbers = numbers;
        this.calls = calls;
        this.settings = settings;
        this.permissions = permissions;
        this.webhooks = webhooks;
        this.users = users;
        this.timers = timers;
        this.timing = timing;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** {@code action: connect}: a business-initiated call to {@code to}, who then behaves as configured. */
    public MetaCall connect(MetaNumber number, String to, String offer, String bizOpaque, JsonNode request) {
        requireGraphCalling(number);
        if (!settings.callingEnabled(number)) {
            throw GraphErrors.callingDisabled();
        }
        String user = Phones.normalize(to)
                .orElseThrow(() -> GraphException.invalidParameter("The parameter to must be a WhatsApp phone number"));
        requireValidSdp(offer, SdpRole.BUSINESS_OFFER);
        if (bizOpaque != null && bizOpaque.length() > BIZ_OPAQUE_MAX_LENGTH) {
            throw GraphException.invalidParameter("biz_opaque_callback_data must be at most 512 characters");
        }
        PermissionState permission = permissions.state(number.phoneNumberId(), user, now());
        if (!permission.grant().status().allowsCalls()) {
            throw GraphErrors.noCallPermission();
        }
        if (!permission.mayCall()) {
            throw GraphErrors.businessInitiatedCallLimit();
        }
        if (calls.liveWith(number.phoneNumberId(), user)) {
            throw GraphErrors.callAlreadyOngoing();
        }
        if (calls.liveOn(number.phoneNumberId()) >= CONCURRENT_CALLS_LIMIT) {
            throw GraphErrors.concurrentCallsLimit();
        }

        String callId = CallIds.wacid();
        MetaCall call = MetaCall.businessInitiated(callId, number, user, offer, bizOpaque,
                phones.answering(callId, offer), now());
        calls.add(call);
        call.journal().action("connect", now(), request, null);
        metrics.callCreated(SimulatedProvider.META, CallDirection.OUTBOUND);

        UserBehaviour callee = users.behaviourOf(user);
        // The connect webhook carries the phone's answer, so it waits for the phone as well as the ringing delay.
        timers.after(timing.randomRingingDelay(), () -> timers.whenDone(call.phone().description(), answer -> {
            if (!transition(call, c -> c.announce(answer, now())).isEmpty()) {
                actAsCallee(call, callee);
            }
        }));
        timers.after(timing.noAnswerTimeout(), () -> transition(call, c -> c.timeOut(now())));
        return call;
    }

    public void preAccept(MetaNumber number, String callId, String sdp, JsonNode request) {
        MetaCall call = callFor(number, callId);
        act(call, "pre_accept", request, c -> {
            requireValidSdp(sdp, SdpRole.ANSWER_TO_USER_CALL);
            return c.preAccept(sdp);
        });
        call.phone().businessAnswered(sdp); // media may be set up early; the user talks once accepted
    }

    public void accept(MetaNumber number, String callId, String sdp, String bizOpaque, JsonNode request) {
        MetaCall call = callFor(number, callId);
        act(call, "accept", request, c -> {
            requireValidSdp(sdp, SdpRole.ANSWER_TO_USER_CALL);
            if (bizOpaque != null && bizOpaque.length() > BIZ_OPAQUE_MAX_LENGTH) {
                throw GraphException.invalidParameter("biz_opaque_callback_data must be at most 512 characters");
            }
            return c.accept(sdp, bizOpaque, now());
        });
        call.phone().businessAnswered(sdp);
        call.phone().talk();
        users.behaviourOf(call.user()).hangUpAfter().ifPresent(delay ->
                timers.after(delay, () -> transition(call, c -> c.userHangsUp(now()))));
    }

    public void reject(MetaNumber number, String callId, JsonNode request) {
        MetaCall call = callFor(number, callId);
        act(call, "reject", request, c -> c.reject(now()));
    }

    public void terminate(MetaNumber number, String callId, JsonNode request) {
        MetaCall call = callFor(number, callId);
        act(call, "terminate", request, c -> c.terminate(now()));
    }

    public PermissionState permission(MetaNumber number, String user) {
        return permissions.state(number.phoneNumberId(), user, now());
    }

    /**
     * An interactive call permission request: checked against Meta's limits, then answered by the simulated user
     * after its {@code afterMs} with a {@code messages} webhook.
     *
     * @return the request message's {@code wamid}
     */
    public String requestPermission(MetaNumber number, String user) {
        PermissionState state = permissions.state(number.phoneNumberId(), user, now());
        if (state.grant().status() == PermissionStatus.PERMANENT) {
            throw GraphErrors.permanentPermissionExists();
        }
        state.requestLimits().stream().filter(UsageLimit::reached).findFirst().ifPresent(limit -> {
            throw GraphErrors.permissionRequestLimit("At most " + limit.maxAllowed()
                    + " call permission request(s) per " + limit.timePeriod() + " to the same user");
        });
        permissions.requested(number.phoneNumberId(), user, now());
        String requestId = CallIds.wamid();
        UserBehaviour behaviour = users.behaviourOf(user);
        timers.after(behaviour.after(), () -> reply(number, user, requestId, behaviour.permission()));
        return requestId;
    }

    @Override
    public SimulatedProvider provider() {
        return SimulatedProvider.META;
    }

    @Override
    public boolean servesBusinessPhone(String businessPhone) {
        return numbers.findByPhone(businessPhone).isPresent();
    }

    /** A user calls the number; Meta only puts the call through to the Graph API when the settings allow it. */
    @Override
    public CompletableFuture<String> placeUserCall(String userPhone, String businessPhone) {
        MetaNumber number = numbers.findByPhone(businessPhone)
                .orElseThrow(() -> new UserCallRefusedException("no Meta number has phone " + businessPhone));
        if (settings.sipEnabled(number)) {
            throw new UserCallRefusedException("calls to " + businessPhone + " are routed over SIP, not the Graph API");
        }
        if (!settings.callingEnabled(number)) {
            throw new UserCallRefusedException("calling is disabled on " + businessPhone);
        }
        if (!settings.openNow(number)) {
            throw new UserCallRefusedException(businessPhone + " is outside its call hours");
        }
        String callId = CallIds.wacid();
        MetaCall call = MetaCall.userInitiated(callId, number, userPhone, phones.calling(callId), now());
        calls.add(call);
        metrics.callCreated(SimulatedProvider.META, CallDirection.INBOUND);
        timers.after(timing.acceptWindow(), () -> transition(call, c -> c.timeOut(now())));
        // The connect webhook carries the phone's offer: the call is announced (and its id given out) once it exists.
        return call.phone().description().thenApplyAsync(offer -> {
            transition(call, c -> c.announce(offer, now()));
            return call.id();
        }, Timers.OFF_NATIVE_THREADS);
    }

    @Override
    public boolean userHangsUp(String externalCallId) {
        MetaCall call = calls.find(externalCallId)
                .orElseThrow(() -> new NoSuchElementException("call " + externalCallId + " not found"));
        return !transition(call, c -> c.userHangsUp(now())).isEmpty();
    }

    @Override
    public Optional<MetaCall> findCall(String externalCallId) {
        return calls.find(externalCallId);
    }

    @Override
    public Stream<MetaCall> calls() {
        return calls.all();
    }

    @Override
    public void forgetEndedBefore(Instant cutoff) {
        calls.forgetEndedBefore(cutoff);
    }

    private void actAsCallee(MetaCall call, UserBehaviour callee) {
        switch (callee.onCall()) {
            case ANSWER -> timers.after(callee.after(), () -> {
                if (!transition(call, c -> c.userAnswers(now())).isEmpty()) {
                    call.phone().talk();
                    callee.hangUpAfter().ifPresent(delay ->
                            timers.after(delay, () -> transition(call, c -> c.userHangsUp(now()))));
                }
            });
            case REJECT -> timers.after(callee.after(), () -> transition(call, c -> c.userRejects(now())));
            case IGNORE -> {
                // The no-answer timeout ends the call.
            }
        }
    }

    private void reply(MetaNumber number, String user, String requestId, PermissionAnswer answer) {
        var grant = permissions.replied(number.phoneNumberId(), user, answer, now());
        webhooks.permissionReply(number, user, requestId, answer != PermissionAnswer.NONE,
                answer == PermissionAnswer.PERMANENT, grant.expiresAt(), now());
    }

    private MetaCall callFor(MetaNumber number, String callId) {
        requireGraphCalling(number);
        return calls.require(number.phoneNumberId(), callId);
    }

    private void requireGraphCalling(MetaNumber number) {
        if (settings.sipEnabled(number)) {
            throw GraphErrors.sipEnabled();
        }
    }

    private static void requireValidSdp(String sdp, SdpRole role) {
        List<String> problems = SdpRules.problems(sdp, role);
        if (!problems.isEmpty()) {
            throw GraphException.invalidParameter("Invalid SDP: " + String.join("; ", problems));
        }
    }

    private void act(MetaCall call, String action, JsonNode request, Function<MetaCall, List<MetaSignal>> step) {
        try {
            transition(call, step);
            call.journal().action(action, now(), request, null);
        } catch (GraphException e) {
            call.journal().action(action, now(), request, e.getMessage() + ": " + e.details());
            throw e;
        }
    }

    /**
     * Applies a transition, queues its webhooks and books its effect on the user's permission, all under the
     * call's lock so webhooks leave in transition order even when timers race API requests.
     */
    private List<MetaSignal> transition(MetaCall call, Function<MetaCall, List<MetaSignal>> step) {
        synchronized (call) {
            List<MetaSignal> signals = step.apply(call);
            numbers.find(call.phoneNumberId()).ifPresent(number -> webhooks.publish(number, call, signals));
            if (signals.stream().anyMatch(MetaSignal::last)) {
                call.phone().hangUp();
            }
            if (call.direction() == MetaDirection.BUSINESS_INITIATED) {
                signals.forEach(signal -> notePermissionUse(call, signal));
            }
            return signals;
        }
    }

    private void notePermissionUse(MetaCall call, MetaSignal signal) {
        switch (signal) {
            case MetaSignal.Status status when "ACCEPTED".equals(status.status()) ->
                    permissions.businessCallAnswered(call.phoneNumberId(), call.user(), status.at());
            case MetaSignal.Terminate end when !call.wasAnswered() ->
                    permissions.businessCallUnanswered(call.phoneNumberId(), call.user(), end.at());
            default -> {
                // Ringing, connect and answered terminations do not count towards permission limits.
            }
        }
    }

    private Instant now() {
        return clock.instant();
    }
}
