package io.ringline.sandbox.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Runs deliveries of one lane (a call, an instance) strictly one after the other, and different lanes in parallel,
 * so webhooks of a call arrive in the order the provider produced them while a slow receiver only delays its own
 * lane. A lane exists only while it has work queued.
 */
@Component
class DeliveryLanes {

    private final Map<String, Mono<Void>> tails = new ConcurrentHashMap<>();

    void submit(String lane, Supplier<Mono<Void>> work) {
        @SuppressWarnings("unchecked")
        Mono<Void>[] queued = new Mono[1];
        tails.compute(lane, (key, previous) -> {
            Mono<Void> after = previous == null ? Mono.empty() : previous.onErrorComplete();
            queued[0] = after.then(Mono.defer(work)).cache();
            return queued[0];
        });
        Mono<Void> mine = queued[0];
        mine.doFinally(signal -> tails.remove(lane, mine)).subscribe();
    }
}
