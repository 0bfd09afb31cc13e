package io.ringline.platform.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** Per-key bounds: running, waiting in order, refused at once or after the wait; keys never share. */
class KeyedBulkheadTest {

    private static final Duration LONG_WAIT = Duration.ofSeconds(30);

    /** Work that runs until the test ends it, counting how many ran. */
    private static final class Held {
        final Sinks.Empty<Void> done = Sinks.empty();
        final AtomicInteger started;

        Held(AtomicInteger started) {
            this.started = started;
        }

        Mono<String> work(String result) {
            return Mono.defer(() -> {
                started.incrementAndGet();
                return done.asMono().thenReturn(result);
            });
        }

        void finish() {
            done.tryEmitEmpty();
        }
    }

    @Test
    void runsAtMostTheLimitAtOnceAndLetsTheNextWaiterInWhenOneFinishes() {
        KeyedBulkhead bulkhead = new KeyedBulkhead(new KeyedBulkhead.Limits(2, 1, LONG_WAIT));
        AtomicInteger started = new AtomicInteger();
        Held first = new Held(started);
        Held second = new Held(started);
        Held third = new Held(started);
        List<String> results = new ArrayList<>();
        bulkhead.run("num_a", () -> first.work("1")).subscribe(results::add);
        bulkhead.run("num_a", () -> second.work("2")).subscribe(results::add);
        bulkhead.run("num_a", () -> third.work("3")).subscribe(results::add);

        assertThat(started).hasValue(2);
        assertThat(bulkhead.running("num_a")).isEqualTo(2);
        assertThat(bulkhead.waiting("num_a")).isEqualTo(1);

        first.finish();
        assertThat(results).containsExactly("1");
        assertThat(started).as("the waiter runs as soon as a slot is free").hasValue(3);
        second.finish();
        third.finish();
        assertThat(results).containsExactly("1", "2", "3");
        assertThat(bulkhead.running("num_a")).isZero();
    }

    @Test
    void refusesAtOnceWhenTheLineIsFull() {
        KeyedBulkhead bulkhead = new KeyedBulkhead(new KeyedBulkhead.Limits(1, 1, LONG_WAIT));
        AtomicInteger started = new AtomicInteger();
        Held running = new Held(started);
        Held waiting = new Held(started);
        Disposable a = bulkhead.run("num_a", () -> running.work("1")).subscribe();
        Disposable b = bulkhead.run("num_a", () -> waiting.work("2")).subscribe();

        StepVerifier.create(bulkhead.run("num_a", () -> Mono.just("never")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BulkheadFullException.class)
                        .extracting(x -> ((BulkheadFullException) x).key()).isEqualTo("num_a"))
                .verify(Duration.ofSeconds(5));
        assertThat(started).hasValue(1);
        a.dispose();
        b.dispose();
    }

    @Test
    void refusesAWaiterWhoseWaitRunsOut() {
        KeyedBulkhead bulkhead = new KeyedBulkhead(new KeyedBulkhead.Limits(1, 4, Duration.ofMillis(200)));
        Held running = new Held(new AtomicInteger());
        Disposable a = bulkhead.run("num_a", () -> running.work("1")).subscribe();

        StepVerifier.create(bulkhead.run("num_a", () -> Mono.just("late")))
                .expectError(BulkheadFullException.class)
                .verify(Duration.ofSeconds(5));
        assertThat(bulkhead.waiting("num_a")).isZero();
        a.dispose();
    }

    @Test
    void withoutWaitersAFullKeyRefusesAtOnce() {
        KeyedBulkhead bulkhead = new KeyedBulkhead(new KeyedBulkhead.Limits(1, 0, Duration.ZERO));
        Held running = new Held(new AtomicInteger());
        Disposable a = bulkhead.run("num_a", () -> running.work("1")).subscribe();
        StepVerifier.create(bulkhead.run("num_a", () -> Mono.just("x")))
                .expectError(BulkheadFullException.class)
                .verify(Duration.ofSeconds(5));
        a.dispose();
    }

    @Test
    void failuresAndCancellationsGiveTheSlotBack() {
        KeyedBulkhead bulkhead = new KeyedBulkhead(new KeyedBulkhead.Limits(1, 0, Duration.ZERO));
        StepVerifier.create(bulkhead.run("num_a", () -> Mono.<String>error(new IllegalStateException("boom"))))
                .expectErrorMessage("boom").verify(Duration.ofSeconds(5));
        Disposable cancelled = bulkhead.run("num_a", Mono::never).subscribe();
        assertThat(bulkhead.running("num_a")).isEqualTo(1);
        cancelled.dispose();
        assertThat(bulkhead.running("num_a")).isZero();
        StepVerifier.create(bulkhead.run("num_a", () -> Mono.just("ok"))).expectNext("ok").verifyComplete();
    }

    @Test
    void oneKeysFullLineNeverDelaysAnotherKey() {
        KeyedBulkhead bulkhead = new KeyedBulkhead(new KeyedBulkhead.Limits(1, 1, LONG_WAIT));
        Held busy = new Held(new AtomicInteger());
        Disposable a = bulkhead.run("num_a", () -> busy.work("a")).subscribe();
        Disposable b = bulkhead.run("num_a", () -> busy.work("a2")).subscribe();

        StepVerifier.create(bulkhead.run("num_b", () -> Mono.just("b"))).expectNext("b").verifyComplete();
        a.dispose();
        b.dispose();
    }

    @Test
    void aPermitHeldOutsideOneMonoCountsUntilReleasedOnce() {
        KeyedBulkhead bulkhead = new KeyedBulkhead(new KeyedBulkhead.Limits(1, 0, Duration.ZERO));
        KeyedBulkhead.Permit permit = bulkhead.acquire("ten_a").block(Duration.ofSeconds(5));
        assertThat(bulkhead.running("ten_a")).isEqualTo(1);
        StepVerifier.create(bulkhead.acquire("ten_a")).expectError(BulkheadFullException.class).verify(Duration.ofSeconds(5));
        permit.release();
        permit.release();
        assertThat(bulkhead.running("ten_a")).isZero();
        KeyedBulkhead.Permit again = bulkhead.acquire("ten_a").block(Duration.ofSeconds(5));
        assertThat(bulkhead.running("ten_a")).as("a second release does not free someone else's slot").isEqualTo(1);
        again.release();
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new KeyedBulkhead.Limits(0, 1, LONG_WAIT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyedBulkhead.Limits(1, -1, LONG_WAIT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyedBulkhead.Limits(1, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
