package io.ringline.media.notices.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.media.notices.CallNotices;
import io.ringline.platform.kafka.OnDemandConsumer;
import java.util.Collection;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Runs this instance's notices consumer ({@code call-events} in a group of the instance alone) only while something
 * here needs it: an open realtime session or a call's plays, each {@link #hold() holding} it, and for
 * {@code idle-stop} after the last one let go. An instance with neither — every instance of a deployment that only
 * places and answers calls — would otherwise fetch, decode and drop every call event (14 % of the bridge's samples in
 * the calls profile of 2026-12-05, docs/performance.md).
 *
 * <p>Nothing waits for the consumer to join: a run started by a hold reads from {@code look-back} before that hold
 * (the broker's record timestamps; a partition with nothing since then from its end as it was before the lookup), so
 * an end produced while it joins is still applied; a run already going read everything since before the hold. When a rebalance within a run moves partitions, each resumes where it was.
 * Starting and stopping happen one at a time on the demand's own thread.
 */
@Component
class NoticeDemand implements CallNotices, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NoticeDemand.class);

    private final OnDemandConsumer consumer;
    private final NoticesProperties props;
    /** The current run's start, in epoch ms; set on the transitions thread before each start. */
    private volatile long readFrom;
    /** Where each partition of the current run stood when a rebalance took it (consumer thread only). */
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();

    NoticeDemand(@Qualifier("callNoticesContainer") KafkaMessageListenerContainer<String, SpecificRecord> container,
            NoticesProperties props, MeterRegistry meters) {
        this.consumer = new OnDemandConsumer(container, props.idleStop(), "call-notices-transitions");
        this.props = props;
        container.getContainerProperties().setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> kafka, Collection<TopicPartition> revoked) {
                revoked.forEach(partition -> positions.put(partition, kafka.position(partition)));
            }

            @Override
            public void onPartitionsAssigned(Consumer<?, ?> kafka, Collection<TopicPartition> assigned) {
                seek(kafka, assigned);
            }
        });
        Gauge.builder("ringline.media.notices.holds", consumer, OnDemandConsumer::held)
                .description("realtime sessions and calls with plays on this instance that need call-events")
                .register(meters);
        Gauge.builder("ringline.media.notices.reading", consumer, c -> c.reading() ? 1 : 0)
                .description("1 while this instance reads call-events for its sessions and plays (one is held, "
                        + "or the last let go within idle-stop)")
                .register(meters);
    }

    /** Reading starts, if it had stopped, from {@code look-back} before this first hold. */
    @Override
    public Hold hold() {
        if (consumer.acquire() == 0) {
            long since = System.currentTimeMillis(); // the broker's clock, not an injectable one: record timestamps
            consumer.run(() -> read(since));
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                consumer.release();
            }
        };
    }

    /** On the transitions thread: a stopped consumer starts, reading from look-back before the first hold. */
    private void read(long since) {
        if (consumer.reading()) {
            return; // reading since before the hold
        }
        readFrom = since - props.lookBack().toMillis();
        positions.clear();
        log.info("reading call notices for {} session(s) and call(s) with plays, from {}", consumer.held(),
                Instant.ofEpochMilli(readFrom));
        consumer.startReading();
    }

    /** On the consumer's thread: a partition resumes where this run left it, else from the run's start time. */
    private void seek(Consumer<?, ?> kafka, Collection<TopicPartition> assigned) {
        Map<TopicPartition, Long> byTime = new HashMap<>();
        for (TopicPartition partition : assigned) {
            Long position = positions.get(partition);
            if (position != null) {
                kafka.seek(partition, position);
            } else {
                byTime.put(partition, readFrom);
            }
        }
        if (byTime.isEmpty()) {
            return;
        }
        // The ends first: a record appended after them is at or past them, so "nothing since then" seeks to where the
        // end was, not to an end read later that may have passed a record appended in between (seen: an end produced
        // while the partitions were resolved one by one was skipped).
        Map<TopicPartition, Long> ends = kafka.endOffsets(byTime.keySet());
        Map<TopicPartition, OffsetAndTimestamp> found = kafka.offsetsForTimes(byTime);
        byTime.keySet().forEach(partition -> {
            OffsetAndTimestamp offset = found.get(partition);
            kafka.seek(partition, offset != null ? offset.offset() : ends.get(partition));
        });
        log.debug("call notices: {} partition(s) from their position, {} by time ({} with records since)",
                assigned.size() - byTime.size(), byTime.size(), found.values().stream().filter(o -> o != null).count());
    }

    /** Reading starts with the first hold, not with the bridge. */
    @Override
    public void start() {
        consumer.start();
        if (consumer.held() > 0) {
            long since = System.currentTimeMillis();
            consumer.run(() -> read(since)); // held across a stop (a cached test context restarted)
        }
    }

    @Override
    public void stop() {
        consumer.stop();
    }

    @Override
    public boolean isRunning() {
        return consumer.running();
    }
}
