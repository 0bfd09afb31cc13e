package io.ringline.bench.scenario;

import io.netty.handler.codec.http.HttpHeaders;
import io.ringline.bench.receiver.LoopbackWebhookReceivers;
import io.ringline.bench.receiver.WebhookFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * An actions ladder's books, for one {@link ActionKind}. Every call it prepares is placed ({@code 201} or failed) or
 * rings in, and must bring the kind's ready webhook ({@code call.connected} before a terminate, {@code call.ringing}
 * before an accept) before the action is aimed at it; every action offered ends {@code 200} or failed; every call an
 * action succeeded on must bring the kind's done webhook ({@code call.ended}, {@code call.connected}). A call that
 * ended before its action (something else hung it up, or an inbound call was missed) is counted apart: its action
 * then fails, which the step shows. Webhooks may arrive before the API's answer; both sides meet on the call id.
 * Each update is O(1); a run whose books do not balance is void.
 */
public final class ActionLedger implements LoopbackWebhookReceivers.Route {

    private static final int READY = 1;
    private static final int DONE = 2;
    private static final int ACTED = 4;
    private static final int ENDED = 8;

    /** A call that rang in: the id the API takes, and the provider's id the sandbox answered its creation with. */
    record Ringing(String callId, String externalCallId) {
    }

    private final ActionKind kind;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    /** Inbound calls ready for an accept, oldest first (kept for {@link ActionKind#ACCEPT} only). */
    private final Queue<Ringing> ringing = new ConcurrentLinkedQueue<>();
    private final LongAdder placed = new LongAdder();
    private final LongAdder placeFailed = new LongAdder();
    private final LongAdder ready = new LongAdder();
    private final LongAdder offered = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder done = new LongAdder();
    private final LongAdder finished = new LongAdder();
    private final LongAdder duplicates = new LongAdder();

    public ActionLedger(ActionKind kind) {
        this.kind = kind;
    }

    /**
     * @param placed        calls prepared ({@code 201}, or rung in)
     * @param placeFailed   preparations refused
     * @param offered       actions sent
     * @param succeeded     actions answered {@code 200}
     * @param failed        actions that failed (any other answer, or none)
     * @param missing       calls an action succeeded on whose done webhook never came
     * @param endedEarly    calls that ended without an action of ours having succeeded
     */
    public record Tally(long placed, long placeFailed, long offered, long succeeded, long failed, long missing,
            long endedEarly, long duplicates) {

        /** Every action answered one way or the other, and every call it changed said so by webhook. */
        public boolean balanced() {
            return offered == succeeded + failed && missing == 0;
        }
    }

    ActionKind kind() {
        return kind;
    }

    void placed(String callId) {
        placed.increment();
        calls.computeIfAbsent(callId, id -> new AtomicInteger());
    }

    /** A call that rang in without a {@code 201} of ours (the user called): counted as prepared once taken. */
    void rangIn() {
        placed.increment();
    }

    void placeFailed() {
        placeFailed.increment();
    }

    void offered() {
        offered.increment();
    }

    void succeeded(String callId) {
        succeeded.increment();
        mark(callId, ACTED);
    }

    void failed() {
        failed.increment();
    }

    boolean ready(String callId) {
        AtomicInteger flags = calls.get(callId);
        return flags != null && (flags.get() & READY) != 0;
    }

    long readyCount() {
        return ready.sum();
    }

    /** Up to {@code max} of the inbound calls that rang and were not taken yet, oldest first. */
    List<Ringing> takeRinging(int max) {
        List<Ringing> taken = new ArrayList<>(max);
        Ringing next;
        while (taken.size() < max && (next = ringing.poll()) != null) {
            taken.add(next);
        }
        return taken;
    }

    /** Calls an action succeeded on whose done webhook came. */
    long doneCount() {
        return done.sum();
    }

    /** Calls an action succeeded on that have ended since (for an accept, the user hanging up later). */
    long finishedCount() {
        return finished.sum();
    }

    long succeededCount() {
        return succeeded.sum();
    }

    @Override
    public LoopbackWebhookReceivers.Answer handle(String path, HttpHeaders headers, byte[] body, long arrivalNanos) {
        WebhookFields payload = WebhookFields.parse(body);
        String event = payload.event();
        if (event != null && payload.callId() != null) {
            int bits = (event.equals(kind.readyEvent()) ? READY : 0) | (event.equals(kind.doneEvent()) ? DONE : 0)
                    | (ActionKind.ends(event) ? ENDED : 0);
            if (bits != 0) {
                int before = mark(payload.callId(), bits);
                if ((before & READY) == 0 && (bits & READY) != 0 && kind == ActionKind.ACCEPT) {
                    ringing.add(new Ringing(payload.callId(), payload.externalCallId()));
                }
            }
        }
        return LoopbackWebhookReceivers.Answer.OK;
    }

    /** @return the call's flags before */
    private int mark(String callId, int bits) {
        AtomicInteger flags = calls.computeIfAbsent(callId, id -> new AtomicInteger());
        int before = flags.getAndUpdate(f -> f | bits);
        if ((before & bits) == bits) {
            duplicates.increment();
            return before;
        }
        int after = before | bits;
        if ((before & READY) == 0 && (after & READY) != 0) {
            ready.increment();
        }
        if ((before & (DONE | ACTED)) != (DONE | ACTED) && (after & (DONE | ACTED)) == (DONE | ACTED)) {
            done.increment();
        }
        if ((before & (ENDED | ACTED)) != (ENDED | ACTED) && (after & (ENDED | ACTED)) == (ENDED | ACTED)) {
            finished.increment();
        }
        return before;
    }

    /** Walks every call once: for the end of a run, not for progress checks. */
    public Tally tally() {
        long missing = 0;
        long endedEarly = 0;
        for (AtomicInteger flags : calls.values()) {
            int f = flags.get();
            if ((f & ACTED) != 0 && (f & DONE) == 0) {
                missing++;
            } else if ((f & ENDED) != 0 && (f & ACTED) == 0) {
                endedEarly++;
            }
        }
        return new Tally(placed.sum(), placeFailed.sum(), offered.sum(), succeeded.sum(), failed.sum(), missing,
                endedEarly, duplicates.sum());
    }
}
