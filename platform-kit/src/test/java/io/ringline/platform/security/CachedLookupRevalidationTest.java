package io.ringline.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** Hits in use read again together before they expire ({@link CachedLookup} with a bulk loader). */
class CachedLookupRevalidationTest {

    private static final Duration TTL = Duration.ofSeconds(5);

    private final AtomicLong nanos = new AtomicLong();
    private final Map<String, String> storage = new ConcurrentHashMap<>();
    private final AtomicInteger singleReads = new AtomicInteger();
    private final List<List<String>> bulkReads = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private Function<List<String>, Mono<Map<String, String>>> bulk = keys -> Mono.fromSupplier(() -> {
        bulkReads.add(List.copyOf(keys));
        Map<String, String> found = new HashMap<>();
        keys.forEach(key -> {
            if (storage.containsKey(key)) {
                found.put(key, storage.get(key));
            }
        });
        return found;
    });

    private CachedLookup<String> lookup() {
        return new CachedLookup<>("test", TTL, Duration.ofSeconds(2), 100_000, key -> Mono.fromSupplier(() -> {
            singleReads.incrementAndGet();
            return storage.get(key);
        }), keys -> bulk.apply(keys), meters, nanos::get);
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void keysInUseAreReadAgainTogetherBeforeTheyExpireAndNoLookupWaitsForStorage() {
        CachedLookup<String> lookup = lookup();
        List.of("a", "b", "c").forEach(key -> storage.put(key, "principal-" + key));
        List.of("a", "b", "c").forEach(key -> lookup.resolve(key).block());
        assertThat(singleReads).hasValue(3);

        advance(Duration.ofSeconds(2));
        assertThat(lookup.resolve("a").block()).as("younger than half the TTL").isEqualTo("principal-a");
        assertThat(bulkReads).isEmpty();

        advance(Duration.ofSeconds(2)); // 4 s: past half the TTL
        assertThat(lookup.resolve("a").block()).isEqualTo("principal-a");
        assertThat(bulkReads).as("one read of every hit due").hasSize(1);
        assertThat(bulkReads.getFirst()).containsExactlyInAnyOrder("a", "b", "c");

        advance(Duration.ofSeconds(4)); // 8 s since the first reads, 4 s since the bulk one
        assertThat(lookup.remembered("b")).as("kept alive by the bulk reads").contains("principal-b");
        assertThat(lookup.resolve("c").block()).isEqualTo("principal-c");
        assertThat(singleReads).as("no key was read alone again").hasValue(3);
        assertThat(bulkReads).as("due again, all three read together again").hasSize(2);
        assertThat(bulkReads.get(1)).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(meters.counter("ringline.security.credential.reads", "credential", "test").count()).isEqualTo(3);
        assertThat(meters.counter("ringline.security.credential.bulk-reads", "credential", "test").count())
                .isEqualTo(2);
        assertThat(meters.counter("ringline.security.credential.revalidated", "credential", "test").count())
                .isEqualTo(6);
    }

    @Test
    void aKeyNobodyUsedForAMinuteIsLeftToExpire() {
        CachedLookup<String> lookup = lookup();
        storage.put("busy", "p1");
        storage.put("idle", "p2");
        lookup.resolve("busy").block();
        lookup.resolve("idle").block();

        // "busy" used every 2 s for a minute and a half; "idle" never again.
        for (int second = 2; second <= 90; second += 2) {
            advance(Duration.ofSeconds(2));
            assertThat(lookup.resolve("busy").block()).isEqualTo("p1");
        }
        assertThat(bulkReads.getFirst()).as("carried along while used within the minute").contains("idle");
        assertThat(bulkReads.getLast()).as("no longer once unused for a minute").containsExactly("busy");
        assertThat(lookup.remembered("idle")).as("expired: its last read was over a TTL ago").isEmpty();
        assertThat(lookup.resolve("idle").block()).isEqualTo("p2");
        assertThat(singleReads).as("\"busy\" was never read alone again").hasValue(3);
    }

    @Test
    void keysEachUsedLessOftenThanTheTtlStayInMemoryAndAreReadTogether() {
        // As in the benchmark: 200 numbers at 25 calls/s, each number used every 8 s, longer than the 5 s TTL.
        CachedLookup<String> lookup = lookup();
        List<String> keys = IntStream.range(0, 200).mapToObj(i -> "n" + i).toList();
        keys.forEach(key -> storage.put(key, "p"));
        for (int tick = 0; tick < 8 * 60 * 25; tick++) { // one use every 40 ms, round robin: 8 s per key, 8 min
            assertThat(lookup.resolve(keys.get(tick % keys.size())).block()).isEqualTo("p");
            advance(Duration.ofMillis(40));
        }
        assertThat(singleReads).as("each key read alone once, at its first use").hasValue(200);
        assertThat(bulkReads.size()).as("bulk reads in 8 min: about one per half TTL").isBetween(150, 200);
    }

    @Test
    void aKeyRevokedElsewhereIsDroppedAndAChangedOneReplaced() {
        CachedLookup<String> lookup = lookup();
        storage.put("revoked", "p1");
        storage.put("changed", "p2");
        lookup.resolve("revoked").block();
        lookup.resolve("changed").block();
        storage.remove("revoked");
        storage.put("changed", "p2-new");

        advance(Duration.ofSeconds(3));
        assertThat(lookup.resolve("changed").block()).as("replaced by the bulk read this lookup started")
                .isEqualTo("p2-new");

        assertThat(lookup.remembered("revoked")).as("dropped by the bulk read").isEmpty();
        assertThat(lookup.resolve("revoked").blockOptional()).isEmpty();
        assertThat(singleReads).as("the revoked key read alone, found unknown").hasValue(3);
        assertThat(bulkReads).hasSize(1);
    }

    @Test
    void aBulkReadThatBeganBeforeAForgetNeitherBringsTheKeyBackNorOverwritesANewerRead() {
        List<Sinks.One<Map<String, String>>> pending = new CopyOnWriteArrayList<>();
        bulk = keys -> {
            bulkReads.add(List.copyOf(keys));
            Sinks.One<Map<String, String>> answer = Sinks.one();
            pending.add(answer);
            return answer.asMono();
        };
        CachedLookup<String> lookup = lookup();
        storage.put("revoked", "p1");
        storage.put("changed", "p2");
        lookup.resolve("revoked").block();
        lookup.resolve("changed").block();
        advance(Duration.ofSeconds(3));
        lookup.resolve("revoked").block(); // starts the bulk read, which has not answered yet
        assertThat(bulkReads).hasSize(1);

        // Both forgotten on this instance while the read was under way; "changed" read again at once.
        lookup.forget("revoked");
        storage.remove("revoked");
        lookup.forget("changed");
        storage.put("changed", "p2-new");
        advance(Duration.ofMillis(10));
        assertThat(lookup.resolve("changed").block()).isEqualTo("p2-new");

        pending.getFirst().tryEmitValue(Map.of("revoked", "p1", "changed", "p2"));

        assertThat(lookup.remembered("revoked")).isEmpty();
        assertThat(lookup.resolve("revoked").blockOptional()).isEmpty();
        assertThat(lookup.remembered("changed")).as("the newer read wins").contains("p2-new");
    }

    @Test
    void aFailedBulkReadChangesNothingAndTheNextOneRuns() {
        AtomicInteger failures = new AtomicInteger(1);
        Function<List<String>, Mono<Map<String, String>>> working = bulk;
        bulk = keys -> failures.getAndDecrement() > 0
                ? Mono.<Map<String, String>>error(new IllegalStateException("down"))
                        .doOnSubscribe(subscription -> bulkReads.add(List.copyOf(keys)))
                : working.apply(keys);
        CachedLookup<String> lookup = lookup();
        storage.put("key", "principal");
        lookup.resolve("key").block();

        advance(Duration.ofSeconds(3));
        assertThat(lookup.resolve("key").block()).isEqualTo("principal");
        assertThat(bulkReads).hasSize(1);
        assertThat(lookup.remembered("key")).as("kept until it expires").contains("principal");

        advance(Duration.ofMillis(1500)); // 4.5 s: a quarter TTL after the failed one
        lookup.resolve("key").block();
        assertThat(bulkReads).as("a new bulk read after the failed one").hasSize(2);
        advance(Duration.ofSeconds(2)); // 6.5 s: alive thanks to the second bulk read
        assertThat(lookup.remembered("key")).contains("principal");
        assertThat(singleReads).hasValue(1);
    }

    @Test
    void nothingIsAnsweredFromAReadOlderThanTheTtlHoweverLongTheReadTook() {
        Sinks.One<String> slow = Sinks.one();
        CachedLookup<String> lookup = new CachedLookup<>("test", TTL, Duration.ofSeconds(2), 1000,
                key -> slow.asMono(), null, meters, nanos::get);
        var answer = lookup.resolve("key").toFuture();
        advance(Duration.ofSeconds(4)); // the read took 4 s
        slow.tryEmitValue("principal");
        assertThat(answer.join()).isEqualTo("principal");
        assertThat(lookup.remembered("key")).contains("principal");

        advance(Duration.ofMillis(1001)); // 5 s after the read began, 1 s after it answered
        assertThat(lookup.remembered("key")).isEmpty();
    }

    @Test
    void keysFirstReadAtScatteredTimesFallIntoStepAndAreReadOncePerHalfTtl() {
        CachedLookup<String> lookup = lookup();
        List<String> keys = IntStream.range(0, 50).mapToObj(i -> "k" + i).toList();
        keys.forEach(key -> storage.put(key, "p"));
        for (String key : keys) { // first used one every 80 ms, so their reads' ages spread over 4 s
            lookup.resolve(key).block();
            advance(Duration.ofMillis(80));
        }
        int singleReadsAfterFirstUse = singleReads.get();

        for (int tick = 0; tick < 300; tick++) { // then each used every 100 ms for 30 s
            keys.forEach(key -> assertThat(lookup.resolve(key).block()).isEqualTo("p"));
            advance(Duration.ofMillis(100));
        }

        assertThat(singleReads).as("no key expired while in use").hasValue(singleReadsAfterFirstUse);
        assertThat(bulkReads.size()).as("bulk reads in 30 s with a 5 s TTL: one per half TTL, and a couple more "
                + "while the keys' ages fall into step").isBetween(10, 16);
    }

    @Test
    void manyKeysAreReadInBoundedBulkReads() {
        CachedLookup<String> lookup = lookup();
        List<String> keys = IntStream.range(0, CachedLookup.BULK_READ_KEYS * 2 + 1).mapToObj(i -> "k" + i).toList();
        keys.forEach(key -> storage.put(key, "p"));
        keys.forEach(key -> lookup.resolve(key).block());

        advance(Duration.ofSeconds(3));
        lookup.resolve("k0").block();

        assertThat(bulkReads).extracting(List::size)
                .containsExactly(CachedLookup.BULK_READ_KEYS, CachedLookup.BULK_READ_KEYS, 1);
        List<String> all = new ArrayList<>();
        bulkReads.forEach(all::addAll);
        assertThat(all).containsExactlyInAnyOrderElementsOf(keys);
    }
}
