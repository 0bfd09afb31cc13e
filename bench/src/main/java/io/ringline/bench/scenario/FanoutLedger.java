package io.ringline.bench.scenario;

import io.netty.handler.codec.http.HttpHeaders;
import io.ringline.bench.BenchConfig;
import io.ringline.bench.load.Latencies;
import io.ringline.bench.receiver.LoopbackWebhookReceivers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fan-out scenario's books and endpoints. Each event goes to its tenant's ten subscriptions; the receiver plays
 * them at {@code /fanout/<run>/<tenant>/<endpoint>}: in a mixed run endpoint 0 always answers 500 and endpoint 1 answers
 * after a second, the others at once. Deliveries are identified by the {@code webhook-id} header (the event id) and
 * the endpoint in the path; every healthy endpoint must get every event. O(1) per request.
 */
public final class FanoutLedger implements LoopbackWebhookReceivers.Route {

    public static final int FAILING = 0;
    public static final int SLOW = 1;

    /** One event and which endpoints have had it. */
    static final class Sent {
        final long intendedNanos;
        final Latencies healthy;
        final AtomicLong received = new AtomicLong();

        Sent(long intendedNanos, Latencies healthy) {
            this.intendedNanos = intendedNanos;
            this.healthy = healthy;
        }
    }

    private final boolean mixed;
    private final Map<String, Sent> events = new ConcurrentHashMap<>();
    private final LongAdder produced = new LongAdder();
    private final LongAdder healthyDelivered = new LongAdder();
    private final LongAdder slowDelivered = new LongAdder();
    private final LongAdder failingAttempts = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder unmatched = new LongAdder();

    public FanoutLedger(boolean mixed) {
        this.mixed = mixed;
    }

    /** The books as of now. {@code healthyExpected}: events × healthy endpoints. */
    public record Tally(long events, long healthyExpected, long healthyDelivered, long slowDelivered,
            long failingAttempts, long duplicates, long unmatched) {

        public long missing() {
            return healthyExpected - healthyDelivered;
        }
    }

    boolean healthy(int endpoint) {
        return !mixed || endpoint > SLOW;
    }

    int healthyEndpoints() {
        return mixed ? BenchConfig.ENDPOINTS_PER_TENANT - 2 : BenchConfig.ENDPOINTS_PER_TENANT;
    }

    void produced(String eventId, long intendedNanos, Latencies healthyStep) {
        events.put(eventId, new Sent(intendedNanos, healthyStep));
        produced.increment();
    }

    @Override
    public LoopbackWebhookReceivers.Answer handle(String path, HttpHeaders headers, byte[] body, long arrivalNanos) {
        int endpoint = endpointOf(path);
        if (mixed && endpoint == FAILING) {
            failingAttempts.increment();
            return new LoopbackWebhookReceivers.Answer(500, Duration.ZERO);
        }
        Sent sent = events.get(String.valueOf(headers.get("webhook-id")));
        if (sent == null || endpoint < 0) {
            unmatched.increment();
        } else if ((sent.received.getAndUpdate(mask -> mask | (1L << endpoint)) & (1L << endpoint)) != 0) {
            duplicates.increment();
        } else if (healthy(endpoint)) {
            long latency = arrivalNanos - sent.intendedNanos;
            sent.healthy.recordNanos(latency);
            healthyDelivered.increment();
        } else {
            slowDelivered.increment();
        }
        return mixed && endpoint == SLOW ? new LoopbackWebhookReceivers.Answer(200, BenchConfig.SLOW_ENDPOINT)
                : LoopbackWebhookReceivers.Answer.OK;
    }

    private static int endpointOf(String path) {
        try {
            return Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    long healthyDeliveredCount() {
        return healthyDelivered.sum();
    }

    long healthyExpected() {
        return produced.sum() * healthyEndpoints();
    }

    public Tally tally() {
        return new Tally(produced.sum(), healthyExpected(), healthyDelivered.sum(), slowDelivered.sum(),
                failingAttempts.sum(), duplicates.sum(), unmatched.sum());
    }
}
