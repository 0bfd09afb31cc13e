package io.ringline.fanout.replay;

import io.ringline.fanout.config.FanoutProperties;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Prunes events older than the replay retention, so the event log stays bounded. */
@Component
class EventRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventRetention.class);

    private final EventLog events;
    private final Clock clock;
    private final FanoutProperties.Replay props;
    private volatile Disposable loop;

    EventRetention(EventLog events, Clock clock, FanoutProperties props) {
        this.events = events;
        this.clock = clock;
        this.props = props.replay();
    }

    @Override
    public void start() {
        loop = Flux.interval(props.pruneEvery(), props.pruneEvery())
                .concatMap(tick -> events.prune(clock.instant().minus(props.retention()))
                        .doOnNext(n -> log.debug("pruned {} events older than the replay retention", n))
                        .onErrorResume(e -> {
                            log.warn("could not prune the event log, will try again: {}", e.toString());
                            return Mono.empty();
                        }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = loop;
        if (running != null) {
            running.dispose();
        }
        loop = null;
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}
