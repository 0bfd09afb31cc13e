package io.ringline.gateway.idempotency;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/** Deletes idempotency records past their 24 h, every few minutes, so the table stays small. */
@Component
class IdempotencyPruner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPruner.class);
    private static final Duration EVERY = Duration.ofMinutes(10);

    private final IdempotencyStore store;
    private volatile Disposable schedule;

    IdempotencyPruner(IdempotencyStore store) {
        this.store = store;
    }

    @Override
    public void start() {
        schedule = Flux.interval(EVERY, EVERY)
                .concatMap(tick -> store.prune(IdempotencyFilter.RETENTION)
                        .doOnError(e -> log.warn("pruning idempotency keys failed: {}", e.toString()))
                        .onErrorReturn(0L))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = schedule;
        if (running != null) {
            running.dispose();
        }
        schedule = null;
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
