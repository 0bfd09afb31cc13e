package io.ringline.media.livecall.application;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.media.config.MediaProperties;
import io.ringline.media.livecall.CallUpdate;
import io.ringline.media.livecall.persistence.LiveCallRepository;
import io.ringline.platform.lifecycle.Poller;
import io.ringline.platform.lifecycle.Polling;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.event.Level;
import org.springframework.stereotype.Component;

/**
 * {@code ringline.media.live.calls{provider}}: live calls as the database knows them (so every
 * instance reports the same number), refreshed periodically; scrapes never hit the database.
 */
@Component
class LiveCallGauge implements Polling {

    private final LiveCallRepository liveCalls;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> byProvider = new ConcurrentHashMap<>();
    private final Poller poller;

    LiveCallGauge(LiveCallRepository liveCalls, MeterRegistry registry, MediaProperties props) {
        this.liveCalls = liveCalls;
        this.registry = registry;
        gauge(CallUpdate.EVO_GO); // reported as 0 from the start, not only once a call connected
        this.poller = Poller.named("live-call gauge refresh").every(props.metricsRefresh())
                .failuresLoggedAt(Level.DEBUG)
                .run(() -> liveCalls.countByProvider().doOnNext(counts -> {
                    byProvider.forEach((provider, value) -> value.set(counts.getOrDefault(provider, 0L)));
                    counts.forEach((provider, n) -> gauge(provider).set(n));
                }));
    }

    @Override
    public Poller poller() {
        return poller;
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
}
