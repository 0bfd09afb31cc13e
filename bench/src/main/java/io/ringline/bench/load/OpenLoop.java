package io.ringline.bench.load;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The open model: operations start when the schedule says, whether or not earlier ones have finished, and each
 * one's latency runs from its intended start. One sender thread keeps the schedule; the operations themselves are
 * asynchronous, so a slow system accumulates operations in flight instead of slowing the arrivals.
 */
public final class OpenLoop {

    private OpenLoop() {
    }

    /**
     * @param drainTimeout how long to wait after the last start for operations still in flight (counted as
     *                     "unfinished" errors after that)
     * @param maxInFlight  a safety bound for the generator's memory; an operation that would exceed it is not
     *                     started and counts as the error "generator in-flight bound"
     */
    public static RunResult run(Schedule schedule, Operation operation, Duration drainTimeout, int maxInFlight) {
        Latencies latencies = new Latencies();
        Latencies senderLag = new Latencies();
        ErrorTally errors = new ErrorTally();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicLong ok = new AtomicLong();
        AtomicLong lastCompletion = new AtomicLong();
        long start = System.nanoTime() + 2_000_000;
        long[] offsets = schedule.offsetsNanos();
        for (int i = 0; i < offsets.length; i++) {
            long intended = start + offsets[i];
            waitUntil(intended);
            senderLag.recordNanos(System.nanoTime() - intended);
            if (inFlight.get() >= maxInFlight) {
                errors.add("generator in-flight bound");
                continue;
            }
            inFlight.incrementAndGet();
            try {
                operation.start(i, intended).subscribe(outcome -> {
                    long now = System.nanoTime();
                    lastCompletion.accumulateAndGet(now, Math::max);
                    if (outcome.ok()) {
                        latencies.recordNanos(now - intended);
                        ok.incrementAndGet();
                    } else {
                        errors.add(outcome.error());
                    }
                    inFlight.decrementAndGet();
                }, error -> {
                    errors.add(error.getClass().getSimpleName());
                    inFlight.decrementAndGet();
                }, () -> {
                });
            } catch (RuntimeException e) {
                errors.add(e.getClass().getSimpleName());
                inFlight.decrementAndGet();
            }
        }
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(5_000_000);
        }
        errors.add("unfinished", inFlight.get());
        long span = offsets.length == 0 ? 0 : offsets[offsets.length - 1];
        long interval = offsets.length < 2 ? 1_000_000_000L : span / (offsets.length - 1);
        // Each operation owns one interval of the schedule: n operations offered at rate r span n / r seconds.
        long end = Math.max(lastCompletion.get(), start + span) + interval;
        double elapsed = Math.max(1e-3, (end - start) / 1e9);
        double offeredRate = 1e9 / interval;
        return new RunResult(offsets.length, ok.get(), errors.snapshot(), latencies.summary(), offeredRate,
                ok.get() / elapsed, senderLag.percentileMs(99), elapsed);
    }

    private static void waitUntil(long nanoTime) {
        long remaining;
        while ((remaining = nanoTime - System.nanoTime()) > 0) {
            if (remaining > 2_000_000) {
                LockSupport.parkNanos(remaining - 1_000_000);
            } else {
                LockSupport.parkNanos(remaining);
            }
        }
    }
}
