package io.ringline.signaling.call.timeouts;

import io.ringline.platform.lifecycle.Poller;
import io.ringline.platform.lifecycle.Polling;
import io.ringline.signaling.SignalingProperties;
import io.ringline.signaling.call.persistence.CallRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The timers of SPEC §3, checked every {@code sweep-interval}: outbound calls ringing past the ring timeout fail
 * with NO_ANSWER, inbound calls ringing past the accept window are missed, and calls the provider never named (the
 * service stopped between storing a call and asking the provider) fail as timed out.
 */
@Component
class CallTimeoutSweeper implements Polling {

    private final CallRepository calls;
    private final CallTimeouts timeouts;
    private final SignalingProperties props;
    private final Clock clock;
    private final Poller poller;

    CallTimeoutSweeper(CallRepository calls, CallTimeouts timeouts, SignalingProperties props, Clock clock) {
        this.calls = calls;
        this.timeouts = timeouts;
        this.props = props;
        this.clock = clock;
        this.poller = Poller.named("call timeout sweep")
                .initialDelay(props.sweepInterval()).every(props.sweepInterval())
                .roundTimeout(Duration.ofMinutes(1))
                .run(this::sweepOnce);
    }

    @Override
    public Poller poller() {
        return poller;
    }

    Mono<Void> sweepOnce() {
        Instant now = clock.instant();
        Mono<Void> neverNamed = calls.idsInitiatedWithoutProviderId(
                        now.minus(props.providerTimeout()).minus(props.initiatedGrace()))
                .concatMap(timeouts::providerNeverAnswered)
                .then();
        Mono<Void> rangOut = calls.idsUnansweredOutbound(now.minus(props.ringTimeout()))
                .concatMap(timeouts::rangOut)
                .then();
        Mono<Void> notAccepted = calls.idsRingingInbound(now.minus(props.acceptWindow()))
                .concatMap(timeouts::rangOut)
                .then();
        return neverNamed.then(rangOut).then(notAccepted);
    }
}
