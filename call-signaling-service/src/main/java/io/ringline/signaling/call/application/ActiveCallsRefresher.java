package io.ringline.signaling.call.application;

import io.ringline.signaling.call.persistence.CallRepository;
import io.ringline.signaling.number.Provider;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Recounts calls in progress from the database for {@code ringline.calls.active}: the database is
 * the truth across restarts and instances, which counting transitions in memory would not be.
 */
@Component
public class ActiveCallsRefresher {

    private static final Logger log = LoggerFactory.getLogger(ActiveCallsRefresher.class);

    private final CallRepository calls;
    private final CallMetrics metrics;

    ActiveCallsRefresher(CallRepository calls, CallMetrics metrics) {
        this.calls = calls;
        this.metrics = metrics;
    }

    void refreshOnSchedule() {
        try {
            refreshOnce().block(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            log.warn("could not recount active calls: {}", e.toString());
        }
    }

    public Mono<Void> refreshOnce() {
        return calls.countInProgress()
                .collectMap(count -> Provider.valueOf(count.provider()), CallRepository.ProviderCount::count,
                        () -> new EnumMap<Provider, Long>(Provider.class))
                .doOnNext((Map<Provider, Long> counts) -> metrics.activeCalls(counts))
                .then();
    }
}
