package io.ringline.gateway.calls.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.gateway.calls.events.CallEventsProperties;
import io.ringline.platform.web.ApiException;
import io.ringline.schemas.avro.CallEvent;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Live call events of the numbers whose streams are open on this gateway instance. The instance reads all of
 * {@code call-events} in a consumer group of its own, from the end (like the command replies), and hands each
 * record to the open streams of its key's number — a record of a number nobody watches here costs a map lookup.
 * Delivery is live and lossy by design: what happened before a stream opened, or while a slow client lagged, is
 * read from {@code GET /v1/calls}, which stays the record. The consumer is built by
 * {@link CallsMessagingConfiguration}; the feed attaches its listener and runs it.
 */
@Component
public class CallEventFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CallEventFeed.class);

    /** One open stream: events are queued up to the configured buffer, then the stream ends. */
    public final class Stream implements AutoCloseable {

        private final String numberId;
        private final Sinks.Many<CallEventView> sink;
        private final Sinks.Empty<Void> ended = Sinks.empty();

        private Stream(String numberId) {
            this.numberId = numberId;
            this.sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<CallEventView>get(props.buffer()).get());
        }

        public Flux<CallEventView> events() {
            return sink.asFlux();
        }

        /** Completes when the feed ends the stream (its client fell behind, or the gateway stops). */
        public Mono<Void> ended() {
            return ended.asMono();
        }

        private void end() {
            sink.tryEmitComplete();
            ended.tryEmitEmpty();
        }

        private void offer(CallEventView event) {
            Sinks.EmitResult result = sink.tryEmitNext(event);
            if (result.isSuccess()) {
                sent.increment();
            } else if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
                overflowed.increment();
                log.info("a call-event stream of {} fell {} events behind; ending it", numberId, props.buffer());
                end();
                close();
            }
        }

        /** Idempotent: an overflowing stream closes itself, and the request's end closes it again. */
        @Override
        public void close() {
            byNumber.computeIfPresent(numberId, (id, streams) -> {
                if (streams.remove(this)) {
                    open.decrementAndGet();
                }
                return streams.isEmpty() ? null : streams;
            });
        }
    }

    private final CallEventsProperties props;
    private final KafkaMessageListenerContainer<String, SpecificRecord> container;
    private final Map<String, Set<Stream>> byNumber = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Sinks.Empty<Void> assigned = Sinks.empty();
    private final Counter sent;
    private final Counter overflowed;
    private volatile boolean running;

    CallEventFeed(KafkaMessageListenerContainer<String, SpecificRecord> callEventFeedContainer,
            CallEventsProperties props, MeterRegistry meters) {
        this.props = props;
        this.container = callEventFeedContainer;
        container.getContainerProperties().setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                partitions.forEach(consumer::position); // fix "latest" now, so nothing after this is skipped
                assigned.tryEmitEmpty();
            }
        });
        container.setupMessageListener((MessageListener<String, SpecificRecord>) this::onRecord);
        this.sent = Counter.builder("ringline.gateway.call.events.streamed").tag("outcome", "sent")
                .description("call events handed to open event streams").register(meters);
        this.overflowed = Counter.builder("ringline.gateway.call.events.streamed").tag("outcome", "overflow")
                .description("event streams ended because their client fell behind").register(meters);
        Gauge.builder("ringline.gateway.call.events.streams", open, AtomicInteger::get)
                .description("open call-event streams on this instance").register(meters);
    }

    /**
     * Opens a stream of one number's events; it receives everything consumed from now on.
     *
     * @throws ApiException 429 when the number already has its maximum of open streams here
     */
    public Stream open(String numberId) {
        Stream stream = new Stream(numberId);
        boolean[] full = {false};
        byNumber.compute(numberId, (id, current) -> {
            Set<Stream> streams = current != null ? current : ConcurrentHashMap.newKeySet();
            if (streams.size() >= props.maxStreamsPerNumber()) {
                full[0] = true;
            } else {
                streams.add(stream);
            }
            return streams.isEmpty() ? null : streams;
        });
        if (full[0]) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", "At most "
                    + props.maxStreamsPerNumber() + " event streams may be open per number; close one first");
        }
        open.incrementAndGet();
        return stream;
    }

    /**
     * Completes once this instance reads {@code call-events} (its partitions are assigned and their positions
     * fixed): a stream opened before then starts being fed from that moment, so its {@code ready} waits for it.
     */
    public Mono<Void> live() {
        return assigned.asMono();
    }

    private void onRecord(ConsumerRecord<String, SpecificRecord> record) {
        Set<Stream> streams = record.key() == null ? null : byNumber.get(record.key());
        if (streams == null || streams.isEmpty()) {
            return;
        }
        if (!(record.value() instanceof CallEvent event) || !record.key().equals(event.getNumberId())) {
            log.warn("skipping a call-events record at {}-{}@{} that is not a CallEvent of its key's number",
                    record.topic(), record.partition(), record.offset());
            return;
        }
        try {
            CallEventView.of(event).ifPresent(view -> streams.forEach(stream -> stream.offer(view)));
        } catch (IllegalArgumentException e) { // a value that breaks its own invariant, e.g. an impossible billing
            log.warn("skipping a call-events record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    @Override
    public void start() {
        container.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        container.stop();
        byNumber.values().forEach(streams -> streams.forEach(Stream::end));
        byNumber.clear();
        open.set(0);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
