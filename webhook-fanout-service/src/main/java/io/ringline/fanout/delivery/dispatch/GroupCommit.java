package io.ringline.fanout.delivery.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Group commit: items submitted while a batch is being written wait and go together into the next one (at most
 * {@code maxBatch}), so at low load an item is written at once, alone, and under load one transaction carries
 * many. One batch runs at a time. Each submitter learns the fate of its own batch: completed once it committed,
 * failed with the batch's error if it did not (every item of a failed batch, nothing of any other).
 */
final class GroupCommit<T> {

    private record Waiting<T>(T item, Sinks.Empty<Void> done) {
    }

    private final Queue<Waiting<T>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final int maxBatch;
    private final Function<List<T>, Mono<Void>> write;

    /** @param write writes one batch (in one transaction); its items arrive in submission order */
    GroupCommit(int maxBatch, Function<List<T>, Mono<Void>> write) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be positive");
        }
        this.maxBatch = maxBatch;
        this.write = write;
    }

    /** Completes when the batch holding {@code item} committed; fails when that batch failed. */
    Mono<Void> submit(T item) {
        return Mono.defer(() -> {
            Sinks.Empty<Void> done = Sinks.empty();
            queue.add(new Waiting<>(item, done));
            drain();
            return done.asMono();
        });
    }

    /** Items waiting for a batch (not counting the one being written). */
    int waiting() {
        return queue.size();
    }

    private void drain() {
        // Whoever finds nobody writing takes the next batch; the writer, when done, looks again, so an item added
        // while it was finishing is never left behind.
        while (!queue.isEmpty() && writing.compareAndSet(false, true)) {
            List<Waiting<T>> batch = new ArrayList<>(Math.min(maxBatch, 64));
            Waiting<T> next;
            while (batch.size() < maxBatch && (next = queue.poll()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                writing.set(false);
                continue;
            }
            List<T> items = batch.stream().map(Waiting::item).toList();
            Mono<Void> written;
            try {
                written = write.apply(items);
            } catch (RuntimeException e) {
                written = Mono.error(e);
            }
            written.subscribe(null,
                    error -> finished(batch, error),
                    () -> finished(batch, null));
            return;
        }
    }

    private void finished(List<Waiting<T>> batch, Throwable error) {
        writing.set(false);
        // Hand out the outcome before taking the next batch, so each submitter sees its own batch's result first.
        for (Waiting<T> waiting : batch) {
            if (error == null) {
                waiting.done().tryEmitEmpty();
            } else {
                waiting.done().tryEmitError(error);
            }
        }
        drain();
    }
}
