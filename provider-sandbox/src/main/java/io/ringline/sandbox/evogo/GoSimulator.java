package io.ringline.sandbox.evogo;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;

import io.ringline.sandbox.evogo.realtime.RealtimeGrant;
import io.ringline.sandbox.evogo.realtime.RealtimeGrants;
import io.ringline.sandbox.evogo.realtime.RealtimeMode;
import io.ringline.sandbox.sim.CallTimingProperties;
import io.ringline.sandbox.sim.Phones;
import io.ringline.sandbox.sim.Timers;
import io.ringline.sandbox.sim.call.CallDirection;
import io.ringline.sandbox.sim.call.CallIds;
import io.ringline.sandbox.sim.call.SimulatedProvider;
import io.ringline.sandbox.sim.call.ProviderSimulator;
import io.ringline.sandbox.sim.call.SandboxCallMetrics;
import io.ringline.sandbox.sim.call.UserCallRefusedException;
import io.ringline.sandbox.sim.user.SimulatedUsers;
import io.ringline.sandbox.sim.user.UserBehaviour;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The simulated Evolution GO server: carries out the GO API's call actions, plays the simulated users' part with
 * timers, and reports every transition as a webhook.
 */
@Service
public class GoSimulator implements ProviderSimulator {

    private final GoInstances instances;
    private final GoCalls calls;
    private final GoConnectivity connectivity;
    private final GoWebhooks webhooks;
    private final SimulatedUsers users;
    private final RealtimeGrants realtimeGrants;
    private final Timers timers;
    private final CallTimingProperties timing;
    private final SandboxCallMetrics metrics;
    private final Clock clock;

    GoSimulator(GoInstances instances, GoCalls calls, GoConnectivity connectivity, GoWebhooks webhooks,
            SimulatedUsers users, RealtimeGrants realtimeGrants, Timers timers, CallTimingProperties timing,
            SandboxCallMetrics metrics, Clock clock) {
        this.instances = instances;
        this.calls = calls;
        this.connectivity = connectivity;
        this.webhooks = webhooks;
        this.users = users;
        this.realtimeGrants = realtimeGrants;
        this.timers = timers;
        this.timing = timing;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** {@code POST /call/start}: the business calls a user, who then behaves as configured. */
    public GoCall startCall(GoInstance instance, String number, JsonNode request) {
        String peer = Phones.require(number, "number");
        GoCall call = GoCall.outgoing(CallIds.goCallId(), instance.name(), instance.phone(), peer, now());
        calls.add(call);
        call.journal().action("start", now(), request, null);
        metrics.callCreated(SimulatedProvider.EVO_GO, CallDirection.OUTBOUND);

        UserBehaviour callee = users.behaviourOf(peer);
        timers.after(timing.randomRingingDelay(), () -> {
            if (!transition(call, c -> c.announce(now())).isEmpty()) {
                actAsCallee(call, callee);
            }
        });
        timers.after(timing.noAnswerTimeout(), () -> transition(call, c -> c.timeOut(now())));
        return call;
    }

    public void answer(GoInstance instance, String callId, JsonNode request) {
        GoCall call = calls.require(instance.name(), callId);
        act(call, "answer", request, c -> c.answerByBusiness(now()));
        hangUpLater(call, users.behaviourOf(call.peer()));
    }

    public void reject(GoInstance instance, String callId, String callCreator, JsonNode request) {
        GoCall call = calls.require(instance.name(), callId);
        act(call, "reject", request, c -> c.rejectByBusiness(now(), callCreator));
    }

    public void hangUp(GoInstance instance, String callId, JsonNode request) {
        GoCall call = calls.require(instance.name(), callId);
        act(call, "hangup", request, c -> c.hangUpByBusiness(now()));
    }

    /** The call audio can be played into; refusals are journaled like any other action. */
    public GoCall callForAudio(GoInstance instance, String callId, String action) {
        GoCall call = calls.require(instance.name(), callId);
        try {
            call.requireActive(action);
        } catch (GoCallRefusedException e) {
            call.journal().action(action, now(), null, e.getMessage());
            throw e;
        }
        return call;
    }

    public void audioPlayed(GoCall call, String contentType, long bytes) {
        call.journal().audio(contentType, bytes, now());
        call.journal().action("media/play", now(), null, null);
    }

    public RealtimeGrant openRealtimeSession(GoInstance instance, String callId, RealtimeMode mode,
            JsonNode request) {
        GoCall call = callForAudio(instance, callId, "media/realtime/session");
        call.journal().action("media/realtime/session", now(), request, null);
        return realtimeGrants.issue(instance.name(), call.callId(), mode);
    }

    /**
     * A client opens the realtime WebSocket with its token: consumed here, then the call must still be active.
     * {@code callId} is the one in the WebSocket URL, if it carries one.
     */
    public RealtimeConnection connectRealtime(String instanceName, String token, String callId) {
        RealtimeGrant grant = realtimeGrants.redeem(token, instanceName, callId);
        GoCall call = calls.require(instanceName, grant.callId());
        try {
            call.requireActive("media/realtime/ws");
        } catch (GoCallRefusedException e) {
            call.journal().action("media/realtime/ws", now(), null, e.getMessage());
            throw e;
        }
        call.journal().action("media/realtime/ws", now(), null, null);
        return new RealtimeConnection(call, grant.mode());
    }

    public GoCall find(GoInstance instance, String callId) {
        return calls.require(instance.name(), callId);
    }

    public List<GoCall> list(GoInstance instance) {
        return calls.ofInstance(instance.name());
    }

    /** A dropped WhatsApp session ends every call the instance carries. */
    void dropCalls(GoInstance instance) {
        calls.ofInstance(instance.name()).forEach(call -> transition(call, c -> c.connectionLost(now())));
    }

    @Override
    public SimulatedProvider provider() {
        return SimulatedProvider.EVO_GO;
    }

    @Override
    public boolean servesBusinessPhone(String businessPhone) {
        return instances.findByPhone(businessPhone).isPresent();
    }

    @Override
    public CompletableFuture<String> placeUserCall(String userPhone, String businessPhone) {
        GoInstance instance = instances.findByPhone(businessPhone)
                .orElseThrow(() -> new UserCallRefusedException("no GO instance has number " + businessPhone));
        if (!connectivity.isOnline(instance)) {
            throw new UserCallRefusedException("instance " + instance.name() + " is not connected");
        }
        GoCall call = GoCall.incoming(CallIds.goCallId(), instance.name(), instance.phone(), userPhone, now());
        calls.add(call);
        metrics.callCreated(SimulatedProvider.EVO_GO, CallDirection.INBOUND);
        transition(call, c -> c.announce(now()));
        timers.after(timing.acceptWindow(), () -> transition(call, c -> c.timeOut(now())));
        return CompletableFuture.completedFuture(call.callId());
    }

    @Override
    public boolean userHangsUp(String externalCallId) {
        GoCall call = calls.find(externalCallId)
                .orElseThrow(() -> new NoSuchElementException("call " + externalCallId + " not found"));
        return !transition(call, c -> c.userHangsUp(now())).isEmpty();
    }

    @Override
    public Optional<GoCall> findCall(String externalCallId) {
        return calls.find(externalCallId);
    }

    @Override
    public Stream<GoCall> calls() {
        return calls.all();
    }

    @Override
    public void forgetEndedBefore(Instant cutoff) {
        calls.forgetEndedBefore(cutoff);
    }

    private void actAsCallee(GoCall call, UserBehaviour callee) {
        switch (callee.onCall()) {
            case ANSWER -> timers.after(callee.after(), () -> {
                if (!transition(call, c -> c.userAnswers(now())).isEmpty()) {
                    hangUpLater(call, callee);
                }
            });
            case REJECT -> timers.after(callee.after(), () -> transition(call, c -> c.userRejects(now())));
            case IGNORE -> {
                // The no-answer timeout ends the call.
            }
        }
    }

    private void hangUpLater(GoCall call, UserBehaviour user) {
        user.hangUpAfter().ifPresent(delay -> timers.after(delay, () -> transition(call, c -> c.userHangsUp(now()))));
    }

    private List<GoSignal> act(GoCall call, String action, JsonNode request, Function<GoCall, List<GoSignal>> step) {
        try {
            List<GoSignal> signals = transition(call, step);
            call.journal().action(action, now(), request, null);
            return signals;
        } catch (GoCallRefusedException e) {
            call.journal().action(action, now(), request, e.getMessage());
            throw e;
        }
    }

    /**
     * Applies a transition and queues its webhooks under the call's lock, so that when a timer races an API
     * request the webhooks leave in exactly the order the transitions happened.
     */
    private List<GoSignal> transition(GoCall call, Function<GoCall, List<GoSignal>> step) {
        synchronized (call) {
            List<GoSignal> signals = step.apply(call);
            webhooks.publish(call, signals);
            return signals;
        }
    }

    private Instant now() {
        return clock.instant();
    }
}
