package io.ringline.signaling.call.timeouts;

import io.ringline.signaling.SignalingProperties;
import io.ringline.signaling.call.persistence.CallRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The timers of SPEC §3, checked every {@code sweep-interval} on the scheduling thread (never an event
 * loop): outbound calls ringing past the ring timeout fail with NO_ANSWER, inbound calls ringing past
 * the accept window are missed, and calls the provider never named (the service stopped between
 * storing a call and asking the provider) fail as timed out.
 */
@Component
class CallTimeoutSweeper {

    private static final Logger log = LoggerFactory.getLogger(CallTimeoutSweeper.class);

    private final CallRepository calls;
    private final CallTimeouts timeouts;
    private final SignalingProperties props;
    private final Clock clock;

    CallTimeoutSweeper(CallRepository calls, CallTimeouts timeouts, SignalingProperties props, Clock clock) {
        this.calls = calls;
        this.timeouts = timeouts;
        this.props = props;
        this.clock = clock;
    }

    void sweepOnSchedule() {
        try {
            sweepOnce().block(Duration.ofMinutes(1));
        } catch (RuntimeException e) {
            log.warn("timeout sweep failed, next one retries: {}", e.toString());
        }
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
