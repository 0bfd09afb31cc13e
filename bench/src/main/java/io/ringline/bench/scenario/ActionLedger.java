package io.ringline.bench.scenario;

import io.netty.handler.codec.http.HttpHeaders;
import io.ringline.bench.receiver.LoopbackWebhookReceivers;
import io.ringline.bench.receiver.WebhookFields;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The actions scenario's books. Every call it prepares is placed ({@code 201} or failed) and must bring
 * {@code call.connected} before a terminate is aimed at it; every terminate offered ends {@code 200} or failed; every
 * call terminated must bring its {@code call.ended}. A call that ended before its terminate (something else hung it
 * up) is counted apart: its terminate then fails, which the step shows. Webhooks may arrive before the API's answer;
 * both sides meet on the call id. Each update is O(1); a run whose books do not balance is void.
 */
public final class ActionLedger implements LoopbackWebhookReceivers.Route {

    private static final int CONNECTED = 1;
    private static final int ENDED = 2;
    private static final int TERMINATED = 4;

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final LongAdder placed = new LongAdder();
    private final LongAdder placeFailed = new LongAdder();
    private final LongAdder connected = new LongAdder();
    private final LongAdder offered = new LongAdder();
    private final LongAdder terminated = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder ended = new LongAdder();
    private final LongAdder duplicates = new LongAdder();

    /**
     * @param placed        calls prepared ({@code 201})
     * @param placeFailed   placements refused
     * @param offered       terminates sent
     * @param terminated    terminates answered {@code 200}
     * @param failed        terminates that failed (any other answer, or none)
     * @param missing       terminated calls whose {@code call.ended} never came
     * @param endedEarly    calls that ended without a terminate of ours having succeeded
     */
    public record Tally(long placed, long placeFailed, long offered, long terminated, long failed, long missing,
            long endedEarly, long duplicates) {

        /** Every terminate answered one way or the other, and every call it ended said so by webhook. */
        public boolean balanced() {
            return offered == terminated + failed && missing == 0;
        }
    }

    void placed(String callId) {
        placed.increment();
        calls.computeIfAbsent(callId, id -> new AtomicInteger());
    }

    void placeFailed() {
        placeFailed.increment();
    }

    void offered() {
        offered.increment();
    }

    void terminated(String callId) {
        terminated.increment();
        mark(callId, TERMINATED);
    }

    void failed() {
        failed.increment();
    }

    boolean connected(String callId) {
        AtomicInteger flags = calls.get(callId);
        return flags != null && (flags.get() & CONNECTED) != 0;
    }

    long connectedCount() {
        return connected.sum();
    }

    /** Terminated calls whose {@code call.ended} came. */
    long endedCount() {
        return ended.sum();
    }

    long terminatedCount() {
        return terminated.sum();
    }

    @Override
    public LoopbackWebhookReceivers.Answer handle(String path, HttpHeaders headers, byte[] body, long arrivalNanos) {
        WebhookFields payload = WebhookFields.parse(body);
        if (payload.event() != null && payload.callId() != null) {
            switch (payload.event()) {
                case "call.connected" -> mark(payload.callId(), CONNECTED);
                case "call.ended" -> mark(payload.callId(), ENDED);
                default -> {
                    // call.ringing and the rest: not what this scenario measures
                }
            }
        }
        return LoopbackWebhookReceivers.Answer.OK;
    }

    private void mark(String callId, int bit) {
        AtomicInteger flags = calls.computeIfAbsent(callId, id -> new AtomicInteger());
        int before = flags.getAndUpdate(f -> f | bit);
        if ((before & bit) != 0) {
            duplicates.increment();
            return;
        }
        if (bit == CONNECTED) {
            connected.increment();
        }
        int after = before | bit;
        if ((after & (ENDED | TERMINATED)) == (ENDED | TERMINATED)) {
            ended.increment();
        }
    }

    /** Walks every call once: for the end of a run, not for progress checks. */
    public Tally tally() {
        long missing = 0;
        long endedEarly = 0;
        for (AtomicInteger flags : calls.values()) {
            int f = flags.get();
            if ((f & TERMINATED) != 0 && (f & ENDED) == 0) {
                missing++;
            } else if ((f & ENDED) != 0 && (f & TERMINATED) == 0) {
                endedEarly++;
            }
        }
        return new Tally(placed.sum(), placeFailed.sum(), offered.sum(), terminated.sum(), failed.sum(), missing,
                endedEarly, duplicates.sum());
    }
}
