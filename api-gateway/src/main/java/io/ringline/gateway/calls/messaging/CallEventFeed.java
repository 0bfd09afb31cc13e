package io.ringline.gateway.calls.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.gateway.calls.events.CallEventsProperties;
import io.ringline.platform.kafka.OnDemandConsumer;
import io.ringline.platform.web.ApiException;
import io.ringline.schemas.avro.CallEvent;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * {@link CallsMessagingConfiguration}; the feed attaches its listener and runs it — only while a stream is open
 * here and for {@code idle-stop} after the last one closed: an instance nobody listens to would otherwise fetch,
 * decode and drop every call event (and the broker serve it), which the calls benchmark showed as a twelfth of the
 * gateway's CPU (docs/performance.md). Starting and stopping happen one at a time on the feed's own thread.
 */
@Component
public class CallEventFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CallEventFeed.class);

    /** One open stream: events are queued up to the configured buffer, then the stream ends. */
    public final class Stream implements AutoCloseable {

        private final String numberId;
        private final Sinks.Many<CallEventView> sink;
        private final Sinks.Empty<Void> ended = Sinks.empty();
        private final Sinks.Empty<Void> ready = Sinks.empty();

        private Stream(String numberId) {
            this.numberId = numberId;
            this.sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<CallEventView>get(props.buffer()).get());
        }

        public Flux<CallEventView> events() {
            return sink.asFlux();
        }

        /**
         * Completes once the feed reads {@code call-events} for this stream (its consumer's partitions assigned and
         * their positions fixed): every event after that point reaches the stream.
         */
        public Mono<Void> ready() {
            return ready.asMono();
        }

        /** Completes when the feed ends the stream (its client fell behind, or the gateway stops). */
        public Mono<Void> ended() {
            return ended.asMono();
        }

        private void end() {
            // not ready yet: the gateway is stopping, and the request is answered 503 instead of waiting
            ready.tryEmitError(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                    "This gateway instance is stopping; open the stream again"));
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
                    consumer.release();
                }
                return streams.isEmpty() ? null : streams;
            });
        }
    }

    private final CallEventsProperties props;
    private final KafkaMessageListenerContainer<String, SpecificRecord> container;
    private final Map<String, Set<Stream>> byNumber = new ConcurrentHashMap<>();
    /** Holders are the open streams; starts and stops on its transitions thread. */
    private final OnDemandConsumer consumer;
    /** The current consumer run's assignment; replaced (on the transitions thread) before each start. */
    private volatile Sinks.Empty<Void> assigned = Sinks.empty();
    private final Counter sent;
    private final Counter overflowed;

    CallEventFeed(KafkaMessageListenerContainer<String, SpecificRecord> callEventFeedContainer,
            CallEventsProperties props, MeterRegistry meters) {
        this.props = props;
        this.container = callEventFeedContainer;
        this.consumer = new OnDemandConsumer(container, props.idleStop(), "call-event-feed-transitions");
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
        Gauge.builder("ringline.gateway.call.events.streams", consumer, OnDemandConsumer::held)
                .description("open call-event streams on this instance").register(meters);
        Gauge.builder("ringline.gateway.call.events.feed.reading", container, c -> c.isRunning() ? 1 : 0)
                .description("1 while this instance reads call-events (a stream is open, or closed within idle-stop)")
                .register(meters);
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
        consumer.acquire();
        if (!consumer.run(() -> feed(stream))) { // not started, or stopping: answered 503
            stream.end();
            stream.close();
        }
        return stream;
    }

    /** On the transitions thread: reading starts if it had stopped, and the stream is ready once it reads. */
    private void feed(Stream stream) {
        if (!consumer.reading()) {
            assigned = Sinks.empty();
            consumer.startReading();
        }
        assigned.asMono().subscribe(null, e -> { }, () -> stream.ready.tryEmitEmpty());
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

    /** Reading starts with the first stream, not with the gateway. */
    @Override
    public void start() {
        consumer.start();
    }

    @Override
    public void stop() {
        consumer.stop();
        // each number's streams taken out at once: a stream closing meanwhile lets go of the consumer, or is ended here
        for (String numberId : Set.copyOf(byNumber.keySet())) {
            Set<Stream> streams = byNumber.remove(numberId);
            if (streams != null) {
                streams.forEach(stream -> {
                    stream.end();
                    consumer.release();
                });
            }
        }
    }

    @Override
    public boolean isRunning() {
        return consumer.running();
    }
}
