package io.ringline.bench.scenario;

import io.netty.handler.codec.http.HttpHeaders;
import io.ringline.bench.receiver.WebhookFields;
import io.ringline.bench.receiver.LoopbackWebhookReceivers;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The calls scenario's books: every {@code POST /v1/calls} offered ends accepted (201) or failed, and every accepted
 * call must bring its three webhooks — {@code call.ringing}, {@code call.connected}, {@code call.ended} — to the
 * generator's receiver. Webhooks may arrive before the POST's answer; both sides meet on the call id. Each update is
 * O(1); a run whose books do not balance is void. One thing excuses a missing webhook: Evolution GO fires each of its
 * webhooks once, so a provider webhook the gateway refused (a 503 when it sheds load; counted by the sandbox) is a
 * signal the platform never accepted, and the one tenant webhook it would have caused never comes. The books balance
 * only when the missing webhooks are no more than those refusals.
 */
public final class CallLedger implements LoopbackWebhookReceivers.Route {

    private static final int RINGING = 1;
    private static final int CONNECTED = 2;
    private static final int ENDED = 4;
    private static final int ALL_EVENTS = RINGING | CONNECTED | ENDED;
    private static final int ACCEPTED = 8;
    private static final int COMPLETE = ALL_EVENTS | ACCEPTED;

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final LongAdder offered = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder webhooks = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder otherEvents = new LongAdder();

    /** The books as of now. */
    public record Tally(long offered, long accepted, long failed, long completed, long missing, long webhooks,
            long duplicates, long otherEvents, long unmatched, long refusedProviderWebhooks) {

        /**
         * Offered = accepted + failed, and every accepted call brought all three webhooks but for at most one per
         * provider webhook the gateway refused.
         */
        public boolean balanced() {
            return offered == accepted + failed && missing <= refusedProviderWebhooks;
        }
    }

    void offered() {
        offered.increment();
    }

    void accepted(String callId) {
        accepted.increment();
        mark(callId, ACCEPTED);
    }

    void failed() {
        failed.increment();
    }

    @Override
    public LoopbackWebhookReceivers.Answer handle(String path, HttpHeaders headers, byte[] body, long arrivalNanos) {
        WebhookFields payload = WebhookFields.parse(body);
        int bit = payload.event() == null ? 0 : switch (payload.event()) {
            case "call.ringing" -> RINGING;
            case "call.connected" -> CONNECTED;
            case "call.ended" -> ENDED;
            default -> 0;
        };
        webhooks.increment();
        if (bit == 0 || payload.callId() == null) {
            otherEvents.increment();
        } else {
            mark(payload.callId(), bit);
        }
        return LoopbackWebhookReceivers.Answer.OK;
    }

    private void mark(String callId, int bit) {
        AtomicInteger flags = calls.computeIfAbsent(callId, id -> new AtomicInteger());
        int before = flags.getAndUpdate(f -> f | bit);
        if ((before & bit) != 0) {
            duplicates.increment();
        } else if ((before | bit) == COMPLETE) {
            completed.increment();
        }
    }

    public long completedCount() {
        return completed.sum();
    }

    public long acceptedCount() {
        return accepted.sum();
    }

    /** Walks every call once: for the end of a run, not for progress checks. */
    public Tally tally() {
        return tally(0);
    }

    /** The same, given how many of the calls' provider webhooks the gateway refused meanwhile. */
    public Tally tally(long refusedProviderWebhooks) {
        long missing = 0;
        long unmatched = 0;
        for (AtomicInteger flags : calls.values()) {
            int f = flags.get();
            if ((f & ACCEPTED) != 0) {
                missing += 3 - Integer.bitCount(f & ALL_EVENTS);
            } else {
                unmatched++;
            }
        }
        return new Tally(offered.sum(), accepted.sum(), failed.sum(), completed.sum(), missing, webhooks.sum(),
                duplicates.sum(), otherEvents.sum(), unmatched, refusedProviderWebhooks);
    }
}
