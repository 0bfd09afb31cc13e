package io.ringline.platform.persistence;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps {@code processed_messages} from growing forever: ids older than the retention are deleted
 * periodically. Redeliveries arrive within minutes; the retention (7 days by default) is far beyond the
 * topics' redelivery horizon, so forgetting an id can never let a duplicate through in practice.
 */
public class ProcessedMessagesPruner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProcessedMessagesPruner.class);

    private final ProcessedMessages processed;
    private final Duration retention;
    private final Duration every;
    private volatile Disposable running;

    public ProcessedMessagesPruner(ProcessedMessages processed, Duration retention, Duration every) {
        this.processed = processed;
        this.retention = retention;
        this.every = every;
    }

    @Override
    public void start() {
        running = Flux.interval(every, every)
                .concatMap(tick -> processed.prune(retention)
                        .doOnNext(n -> {
                            if (n > 0) {
                                log.info("pruned {} processed message ids older than {}", n, retention);
                            }
                        })
                        .onErrorResume(e -> {
                            log.warn("pruning processed message ids failed, will retry: {}", e.toString());
                            return Mono.empty();
                        }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable d = running;
        if (d != null) {
            d.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
