package io.ringline.bench.scenario;

import io.netty.handler.codec.http.HttpHeaders;
import io.ringline.bench.load.Latencies;
import io.ringline.bench.receiver.WebhookFields;
import io.ringline.bench.receiver.LoopbackWebhookReceivers;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The signals scenario's books: each simulated inbound call is a GO {@code CallOffer} followed by the caller's
 * {@code CallTerminate}; each accepted signal must come back as a tenant webhook — {@code call.ringing} for the offer,
 * {@code call.missed} for the hang-up — and its latency runs from the signal's intended send to the webhook's
 * arrival. Keyed by the GO call id (the webhook's {@code externalCallId}); O(1) per webhook.
 */
public final class SignalLedger implements LoopbackWebhookReceivers.Route {

    static final int OFFER = 0;
    static final int TERMINATE = 1;

    /** One simulated inbound call. */
    static final class Pair {
        final long[] intendedNanos = new long[2];
        final Latencies step;
        final AtomicInteger flags = new AtomicInteger();

        Pair(Latencies step) {
            this.step = step;
        }
    }

    private static final int OFFER_ACCEPTED = 1;
    private static final int TERMINATE_ACCEPTED = 2;
    private static final int RINGING = 4;
    private static final int MISSED = 8;

    private final Map<String, Pair> pairs = new ConcurrentHashMap<>();
    private final Latencies all = new Latencies();
    private final LongAdder offered = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder unmatched = new LongAdder();

    /** The books as of now. */
    public record Tally(long offered, long accepted, long failed, long delivered, long missing, long duplicates,
            long unmatched) {

        public boolean balanced() {
            return offered == accepted + failed && missing == 0;
        }
    }

    Pair open(String goCallId, Latencies step) {
        Pair pair = new Pair(step);
        pairs.put(goCallId, pair);
        return pair;
    }

    void sent(Pair pair, int kind, long intendedNanos) {
        pair.intendedNanos[kind] = intendedNanos;
        offered.increment();
    }

    void accepted(Pair pair, int kind) {
        accepted.increment();
        pair.flags.getAndUpdate(f -> f | (kind == OFFER ? OFFER_ACCEPTED : TERMINATE_ACCEPTED));
    }

    void failed() {
        failed.increment();
    }

    @Override
    public LoopbackWebhookReceivers.Answer handle(String path, HttpHeaders headers, byte[] body, long arrivalNanos) {
        WebhookFields payload = WebhookFields.parse(body);
        Pair pair = payload.externalCallId() == null ? null : pairs.get(payload.externalCallId());
        int kind = "call.ringing".equals(payload.event()) ? OFFER : "call.missed".equals(payload.event()) ? TERMINATE
                : -1;
        if (pair == null || kind < 0) {
            unmatched.increment();
            return LoopbackWebhookReceivers.Answer.OK;
        }
        int bit = kind == OFFER ? RINGING : MISSED;
        if ((pair.flags.getAndUpdate(f -> f | bit) & bit) != 0) {
            duplicates.increment();
        } else {
            delivered.increment();
            long latency = arrivalNanos - pair.intendedNanos[kind];
            pair.step.recordNanos(latency);
            all.recordNanos(latency);
        }
        return LoopbackWebhookReceivers.Answer.OK;
    }

    long deliveredCount() {
        return delivered.sum();
    }

    long acceptedCount() {
        return accepted.sum();
    }

    public Tally tally() {
        long missing = 0;
        for (Pair pair : pairs.values()) {
            int f = pair.flags.get();
            if ((f & OFFER_ACCEPTED) != 0 && (f & RINGING) == 0) {
                missing++;
            }
            if ((f & TERMINATE_ACCEPTED) != 0 && (f & MISSED) == 0) {
                missing++;
            }
        }
        return new Tally(offered.sum(), accepted.sum(), failed.sum(), delivered.sum(), missing, duplicates.sum(),
                unmatched.sum());
    }
}
