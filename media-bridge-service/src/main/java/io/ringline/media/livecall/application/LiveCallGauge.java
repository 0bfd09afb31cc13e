package io.ringline.media.livecall.application;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.media.config.MediaProperties;
import io.ringline.media.livecall.CallUpdate;
import io.ringline.media.livecall.persistence.LiveCallRepository;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code ringline.media.live.calls{provider}}: live calls as the database knows them (so every
 * instance reports the same number), refreshed periodically; scrapes never hit the database.
 */
@Component
class LiveCallGauge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveCallGauge.class);

    private final LiveCallRepository liveCalls;
    private final MeterRegistry registry;
    private final Duration refresh;
    private final Map<String, AtomicLong> byProvider = new ConcurrentHashMap<>();
    private volatile Disposable loop;

    LiveCallGauge(LiveCallRepository liveCalls, MeterRegistry registry, MediaProperties props) {
        this.liveCalls = liveCalls;
        this.registry = registry;
        this.refresh = props.metricsRefresh();
        gauge(CallUpdate.EVO_GO); // reported as 0 from the start, not only once a call connected
    }

    private AtomicLong gauge(String provider) {
        return byProvider.computeIfAbsent(provider, p -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("ringline.media.live.calls", value, AtomicLong::get)
                    .description("Connected calls whose media the bridge serves")
                    .tag("provider", p)
                    .register(registry);
            return value;
        });
    }

    @Override
    public void start() {
        loop = Flux.interval(Duration.ZERO, refresh)
                .onBackpressureDrop()
                .concatMap(tick -> liveCalls.countByProvider()
                        .doOnNext(counts -> {
                            byProvider.forEach((provider, value) -> value.set(counts.getOrDefault(provider, 0L)));
                            counts.forEach((provider, n) -> gauge(provider).set(n));
                        })
                        .onErrorResume(e -> {
                            log.debug("live-call gauge not refreshed: {}", e.toString());
                            return Mono.empty();
                        }), 1)
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
