package io.ringline.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class CachedLookupTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Map<String, String> storage = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final CachedLookup<String> lookup = new CachedLookup<>("test", Duration.ofSeconds(5), Duration.ofSeconds(2),
            1000, key -> Mono.fromSupplier(() -> {
                reads.incrementAndGet();
                return storage.get(key);
            }), null, new SimpleMeterRegistry(), nanos::get);

    @Test
    void aRepeatedUnknownKeyCostsOneReadPerMissTtl() {
        for (int i = 0; i < 100; i++) {
            assertThat(lookup.resolve("unknown").blockOptional()).isEmpty();
        }
        assertThat(reads).hasValue(1);
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(lookup.resolve("unknown").blockOptional()).isEmpty();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aKeyCreatedAfterItsMissWasRememberedWorksOnceTheMissTtlHasPassed() {
        assertThat(lookup.resolve("late").blockOptional()).isEmpty();
        storage.put("late", "principal");
        assertThat(lookup.resolve("late").blockOptional()).as("within the miss TTL").isEmpty();
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(lookup.resolve("late").blockOptional()).contains("principal");
    }

    @Test
    void knownKeysAreRememberedWithoutReadsUntilForgotten() {
        storage.put("known", "principal");
        assertThat(lookup.remembered("known")).isEmpty();
        assertThat(lookup.resolve("known").blockOptional()).contains("principal");
        assertThat(lookup.remembered("known")).contains("principal");
        assertThat(lookup.resolve("known").blockOptional()).contains("principal");
        assertThat(reads).hasValue(1);

        lookup.forget("known");
        storage.remove("known");
        assertThat(lookup.remembered("known")).isEmpty();
        assertThat(lookup.resolve("known").blockOptional()).isEmpty();
    }

    @Test
    void forgettingEverythingDropsHitsAndMissesAlike() {
        storage.put("known", "principal");
        lookup.resolve("known").block();
        lookup.resolve("new").block();
        storage.put("known", "changed");
        storage.put("new", "arrived");

        lookup.forgetAll();

        assertThat(lookup.remembered("known")).isEmpty();
        assertThat(lookup.resolve("known").blockOptional()).contains("changed");
        assertThat(lookup.resolve("new").blockOptional()).as("no longer remembered as unknown").contains("arrived");
        assertThat(reads).hasValue(4);
    }

    @Test
    void withoutAHitTtlOnlyMissesAreRemembered() {
        CachedLookup<String> missesOnly = new CachedLookup<>("test", Duration.ZERO, Duration.ofSeconds(2), 1000,
                key -> Mono.fromSupplier(() -> {
                    reads.incrementAndGet();
                    return storage.get(key);
                }), null, new SimpleMeterRegistry(), nanos::get);
        storage.put("known", "principal");
        missesOnly.resolve("known").block();
        missesOnly.resolve("known").block();
        assertThat(missesOnly.remembered("known")).isEmpty();
        assertThat(reads).hasValue(2);
    }
}
