package io.ringline.sandbox.sink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The sink's memory: recorded deliveries, oldest first, in a fixed-size ring. Recording costs O(1) whatever the
 * history (SPEC §7: the sandbox never limits a benchmark) — the previous deque asked its linear {@code size()} on
 * every delivery. Ids are given out under the same lock that places the entry, so ring order is id order.
 */
@Component
class SinkRecorder {

    private final RecordedDelivery[] ring;
    private long nextId = 1;
    private int oldest;
    private int count;

    SinkRecorder(SinkProperties properties) {
        if (properties.maxDeliveries() < 1) {
            throw new IllegalArgumentException("sandbox.sink.max-deliveries must be at least 1");
        }
        this.ring = new RecordedDelivery[properties.maxDeliveries()];
    }

    /** Records one request under the next id; beyond the bound the oldest entry makes room. */
    synchronized RecordedDelivery record(Instant receivedAt, String method, String path, String query,
            Map<String, String> headers, String body, int status) {
        RecordedDelivery delivery = new RecordedDelivery(nextId++, receivedAt, method, path, query, headers, body,
                status);
        if (count < ring.length) {
            ring[(oldest + count) % ring.length] = delivery;
            count++;
        } else {
            ring[oldest] = delivery;
            oldest = (oldest + 1) % ring.length;
        }
        return delivery;
    }

    /** Oldest first; {@code pathPrefix} null for all. A read copies what it returns, so it costs O(kept). */
    synchronized List<RecordedDelivery> deliveries(String pathPrefix) {
        List<RecordedDelivery> kept = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RecordedDelivery delivery = ring[(oldest + i) % ring.length];
            if (pathPrefix == null || delivery.path().startsWith(pathPrefix)) {
                kept.add(delivery);
            }
        }
        return kept;
    }

    synchronized void clear() {
        Arrays.fill(ring, null);
        oldest = 0;
        count = 0;
    }
}
