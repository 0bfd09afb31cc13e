package io.ringline.bench.load;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The closed model, for limits only: {@code concurrency} workers each start the next operation as soon as the
 * previous one finished, for {@code duration}. What it measures is throughput at saturation; its latency is from
 * each operation's actual start.
 */
public final class ClosedLoop {

    private ClosedLoop() {
    }

    public static RunResult run(int concurrency, Duration duration, Supplier<Mono<Outcome>> operation) {
        Latencies latencies = new Latencies();
        ErrorTally errors = new ErrorTally();
        AtomicLong ok = new AtomicLong();
        AtomicLong started = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        Flux.range(0, concurrency)
                .flatMap(worker -> Mono.defer(() -> {
                    long t0 = System.nanoTime();
                    started.incrementAndGet();
                    return operation.get()
                            .onErrorResume(e -> Mono.just(Outcome.failed(e.getClass().getSimpleName())))
                            .doOnNext(outcome -> {
                                if (outcome.ok()) {
                                    latencies.recordNanos(System.nanoTime() - t0);
                                    ok.incrementAndGet();
                                } else {
                                    errors.add(outcome.error());
                                }
                            });
                }).repeat(() -> System.nanoTime() < end).then(), concurrency)
                .blockLast(duration.plus(Duration.ofMinutes(1)));
        double elapsed = (System.nanoTime() - start) / 1e9;
        double rate = ok.get() / elapsed;
        return new RunResult(started.get(), ok.get(), errors.snapshot(), latencies.summary(), rate, rate, 0,
                elapsed);
    }
}
