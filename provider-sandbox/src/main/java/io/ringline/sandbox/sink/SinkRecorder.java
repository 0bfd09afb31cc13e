package io.ringline.sandbox.sink;

import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/** The sink's memory: recorded deliveries, oldest first, bounded. */
@Component
class SinkRecorder {

    private final SinkProperties properties;
    private final Deque<RecordedDelivery> deliveries = new ConcurrentLinkedDeque<>();
    private final AtomicLong ids = new AtomicLong();

    SinkRecorder(SinkProperties properties) {
        this.properties = properties;
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    void record(RecordedDelivery delivery) {
        deliveries.addLast(delivery);
        while (deliveries.size() > properties.maxDeliveries()) {
            deliveries.pollFirst();
        }
    }

    /** Oldest first; {@code pathPrefix} null for all. */
    List<RecordedDelivery> deliveries(String pathPrefix) {
        return deliveries.stream()
                .filter(delivery -> pathPrefix == null || delivery.path().startsWith(pathPrefix))
                .sorted(Comparator.comparingLong(RecordedDelivery::id))
                .toList();
    }

    void clear() {
        deliveries.clear();
    }
}
