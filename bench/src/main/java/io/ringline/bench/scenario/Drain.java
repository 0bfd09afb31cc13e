package io.ringline.bench.scenario;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** Waiting for the last webhooks of a run: until all are in, or nothing new arrived for a while. */
final class Drain {

    private Drain() {
    }

    /** @return whether {@code done} became true before progress stalled for {@code stall} (or {@code cap} passed) */
    static boolean await(BooleanSupplier done, LongSupplier progress, Duration stall, Duration cap) {
        long start = System.nanoTime();
        long lastProgress = progress.getAsLong();
        long lastMoved = start;
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            long current = progress.getAsLong();
            if (current != lastProgress) {
                lastProgress = current;
                lastMoved = now;
            }
            if (now - lastMoved > stall.toNanos() || now - start > cap.toNanos()) {
                return done.getAsBoolean();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
