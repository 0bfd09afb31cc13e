package io.ringline.fanout.delivery.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/** The group commit under the attempt recorder: who goes into which batch, and who learns what. */
class GroupCommitTest {

    /** A writer whose batches finish only when the test says so. */
    private static final class HeldWriter {
        final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        final List<Sinks.Empty<Void>> gates = new CopyOnWriteArrayList<>();

        Mono<Void> write(List<Integer> items) {
            batches.add(items);
            Sinks.Empty<Void> gate = Sinks.empty();
            gates.add(gate);
            return gate.asMono();
        }
    }

    @Test
    void anItemAtIdleIsWrittenAtOnceAlone() {
        HeldWriter writer = new HeldWriter();
        GroupCommit<Integer> commit = new GroupCommit<>(10, writer::write);

        Mono<Void> first = commit.submit(1).cache();
        first.subscribe();

        assertThat(writer.batches).containsExactly(List.of(1));
        writer.gates.getFirst().tryEmitEmpty();
        first.block(Duration.ofSeconds(1));
    }

    @Test
    void itemsArrivingWhileABatchIsWrittenGoTogetherIntoTheNextBoundedByTheMaximum() {
        HeldWriter writer = new HeldWriter();
        GroupCommit<Integer> commit = new GroupCommit<>(3, writer::write);
        List<Mono<Void>> done = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            Mono<Void> one = commit.submit(i).cache();
            one.subscribe(null, e -> { });
            done.add(one);
        }
        // 1 went alone; 2..6 waited behind it.
        assertThat(writer.batches).containsExactly(List.of(1));
        assertThat(commit.waiting()).isEqualTo(5);

        writer.gates.get(0).tryEmitEmpty();
        assertThat(writer.batches).containsExactly(List.of(1), List.of(2, 3, 4));
        writer.gates.get(1).tryEmitEmpty();
        assertThat(writer.batches).containsExactly(List.of(1), List.of(2, 3, 4), List.of(5, 6));
        writer.gates.get(2).tryEmitEmpty();

        done.forEach(d -> d.block(Duration.ofSeconds(1)));
        assertThat(commit.waiting()).isZero();
    }

    @Test
    void aFailedBatchFailsItsOwnItemsOnlyAndTheNextBatchStillRuns() {
        HeldWriter writer = new HeldWriter();
        GroupCommit<Integer> commit = new GroupCommit<>(2, writer::write);
        Mono<Void> a = commit.submit(1).cache();
        a.subscribe(null, e -> { });
        Mono<Void> b = commit.submit(2).cache();
        b.subscribe(null, e -> { });
        Mono<Void> c = commit.submit(3).cache();
        c.subscribe(null, e -> { });

        writer.gates.get(0).tryEmitError(new IllegalStateException("database gone"));
        assertThatThrownBy(() -> a.block(Duration.ofSeconds(1))).hasMessageContaining("database gone");
        assertThat(writer.batches).containsExactly(List.of(1), List.of(2, 3));
        writer.gates.get(1).tryEmitEmpty();
        b.block(Duration.ofSeconds(1));
        c.block(Duration.ofSeconds(1));
    }

    @Test
    void aWriterThatThrowsFailsItsBatchInsteadOfStallingTheQueue() {
        List<List<Integer>> written = new CopyOnWriteArrayList<>();
        GroupCommit<Integer> commit = new GroupCommit<>(5, items -> {
            if (items.contains(1)) {
                throw new IllegalArgumentException("cannot encode");
            }
            written.add(items);
            return Mono.empty();
        });
        assertThatThrownBy(() -> commit.submit(1).block(Duration.ofSeconds(1))).hasMessageContaining("cannot encode");
        commit.submit(2).block(Duration.ofSeconds(1));
        assertThat(written).containsExactly(List.of(2));
    }

    @Test
    void underConcurrentSubmittersEveryItemIsWrittenExactlyOnceAndEverySubmitterHearsBack() throws Exception {
        List<Integer> written = Collections.synchronizedList(new ArrayList<>());
        ConcurrentHashMap<Integer, Integer> batchSizes = new ConcurrentHashMap<>();
        GroupCommit<Integer> commit = new GroupCommit<>(16, items -> Mono.fromRunnable(() -> {
                    written.addAll(items);
                    batchSizes.merge(items.size(), 1, Integer::sum);
                })
                .subscribeOn(Schedulers.parallel()).then());
        int threads = 8;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                futures.add(pool.submit(() -> Mono.when(IntStream.range(base, base + perThread)
                                .mapToObj(commit::submit).toList())
                        .block(Duration.ofSeconds(30))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(written).hasSize(threads * perThread).doesNotHaveDuplicates();
        assertThat(batchSizes.keySet()).allMatch(size -> size >= 1 && size <= 16);
        assertThat(commit.waiting()).isZero();
    }
}
