package io.ringline.signaling.call.application;

import io.ringline.platform.lifecycle.Poller;
import io.ringline.platform.lifecycle.Polling;
import io.ringline.signaling.SignalingProperties;
import io.ringline.signaling.call.persistence.CallRepository;
import io.ringline.signaling.number.Provider;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Recounts calls in progress from the database for {@code ringline.calls.active}: the database is
 * the truth across restarts and instances, which counting transitions in memory would not be.
 */
@Component
public class ActiveCallsRefresher implements Polling {

    private final CallRepository calls;
    private final CallMetrics metrics;
    private final Poller poller;

    ActiveCallsRefresher(CallRepository calls, CallMetrics metrics, SignalingProperties props) {
        this.calls = calls;
        this.metrics = metrics;
        this.poller = Poller.named("active-call recount").every(props.sweepInterval())
                .roundTimeout(Duration.ofSeconds(30))
                .run(this::refreshOnce);
    }

    @Override
    public Poller poller() {
        return poller;
    }

    public Mono<Void> refreshOnce() {
        return calls.countInProgress()
                .collectMap(count -> Provider.valueOf(count.provider()), CallRepository.ProviderCount::count,
                        () -> new EnumMap<Provider, Long>(Provider.class))
                .doOnNext((Map<Provider, Long> counts) -> metrics.activeCalls(counts))
                .then();
    }
}
