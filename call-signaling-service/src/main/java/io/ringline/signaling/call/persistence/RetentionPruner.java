package io.ringline.signaling.call.persistence;

import io.ringline.signaling.SignalingProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Drops bookkeeping that has served its purpose: parked signals whose call never appeared, and
 * failed-command answers that only matter while a redelivery is still possible (platform-kit prunes
 * the processed ids themselves).
 */
@Component
class RetentionPruner {

    private static final Logger log = LoggerFactory.getLogger(RetentionPruner.class);

    private final PendingSignals pending;
    private final CommandFailures failures;
    private final SignalingProperties props;
    private final Clock clock;

    RetentionPruner(PendingSignals pending, CommandFailures failures, SignalingProperties props, Clock clock) {
        this.pending = pending;
        this.failures = failures;
        this.props = props;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ringline.signaling.prune-interval:10m}", initialDelayString = "1m")
    void pruneOnSchedule() {
        try {
            pruneOnce().block(Duration.ofMinutes(5));
        } catch (RuntimeException e) {
            log.warn("pruning failed, the next run retries: {}", e.toString());
        }
    }

    Mono<Void> pruneOnce() {
        Instant now = clock.instant();
        return pending.pruneParkedBefore(now.minus(props.parkedSignalRetention()))
                .then(failures.pruneBefore(now.minus(props.failedCommandRetention())))
                .then();
    }
}
