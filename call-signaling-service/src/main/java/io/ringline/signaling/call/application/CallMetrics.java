package io.ringline.signaling.call.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.signaling.call.CallStatus;
import io.ringline.signaling.number.Provider;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * {@code ringline.calls.transitions{provider,status}}: calls entering each status, counted once their
 * transaction committed (a retried transaction counts once). {@code ringline.calls.active{provider}}:
 * calls in progress, as last counted in the database. Both exist from start-up at zero for every provider and status,
 * so a healthy platform's dashboards show 0 rather than "No data".
 */
@Component
class CallMetrics {

    private final MeterRegistry meters;
    private final Map<Provider, AtomicLong> active = new EnumMap<>(Provider.class);

    public CallMetrics(MeterRegistry meters) {
        this.meters = meters;
        for (Provider provider : Provider.calling()) {
            AtomicLong value = new AtomicLong();
            active.put(provider, value);
            Gauge.builder("ringline.calls.active", value, AtomicLong::get)
                    .description("Calls not yet in a terminal status")
                    .tag("provider", provider.name())
                    .register(meters);
            for (CallStatus status : CallStatus.values()) {
                transitions(provider, status);
            }
        }
    }

    private Counter transitions(Provider provider, CallStatus status) {
        return Counter.builder("ringline.calls.transitions")
                .description("Calls entering a status")
                .tag("provider", provider.name())
                .tag("status", status.name())
                .register(meters);
    }

    /** Counts a call entering {@code status} after the current transaction commits. */
    Mono<Void> countAfterCommit(Provider provider, CallStatus status) {
        Runnable count = () -> transitions(provider, status).increment();
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(tx -> tx.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(count);
                    }
                }))
                .onErrorResume(NoTransactionException.class, e -> Mono.fromRunnable(count).then(Mono.empty()))
                .then();
    }

    public void activeCalls(Map<Provider, Long> counts) {
        active.forEach((provider, value) -> value.set(counts.getOrDefault(provider, 0L)));
    }
}
