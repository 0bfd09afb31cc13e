package io.ringline.bench.media;

import io.ringline.bench.load.Latencies;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One direction of every session (client → provider, or provider → client): frames sent and received, the
 * latency of each received frame (receive time − its stamp), frames lost (a gap in a session's sequence) and frames
 * out of order or not ours. Each update is O(1); the latency histogram is swapped at the start of a measuring window.
 */
public final class FrameFlow {

    private final LongAdder sent = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder receivedBytes = new LongAdder();
    private final LongAdder gaps = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    private final LongAdder foreign = new LongAdder();
    private final AtomicLongArray lastSeq;
    private final AtomicReference<Latencies> latency = new AtomicReference<>(new Latencies());

    /** Session indexes run from 0 to below this. */
    public static final int MAX_SESSIONS = 1 << 16;

    public FrameFlow() {
        this.lastSeq = new AtomicLongArray(MAX_SESSIONS);
    }

    public void sent() {
        sent.increment();
    }

    /** A frame arrived at its end of the session at {@code nowNanos}. */
    public void received(StampedFrame.Stamp stamp, int bytes, long nowNanos) {
        if (stamp == null || stamp.session() < 0 || stamp.session() >= lastSeq.length()) {
            foreign.increment();
            return;
        }
        received.increment();
        receivedBytes.add(bytes);
        latency.get().recordNanos(nowNanos - stamp.sentNanos());
        // One reader per session and direction (its socket's event loop), so get-then-set does not race.
        long last = lastSeq.get(stamp.session());
        if (stamp.seq() > last) {
            gaps.add(stamp.seq() - last - 1);
            lastSeq.set(stamp.session(), stamp.seq());
        } else {
            outOfOrder.increment();
        }
    }

    /** Starts a new latency window and returns the one that ends. */
    public Latencies swapLatency() {
        return latency.getAndSet(new Latencies());
    }

    public Counts counts() {
        return new Counts(sent.sum(), received.sum(), receivedBytes.sum(), gaps.sum(), outOfOrder.sum(),
                foreign.sum());
    }

    /** The flow's counters as of now. */
    public record Counts(long sent, long received, long receivedBytes, long gaps, long outOfOrder, long foreign) {

        public Counts minus(Counts before) {
            return new Counts(sent - before.sent, received - before.received, receivedBytes - before.receivedBytes,
                    gaps - before.gaps, outOfOrder - before.outOfOrder, foreign - before.foreign);
        }
    }
}
