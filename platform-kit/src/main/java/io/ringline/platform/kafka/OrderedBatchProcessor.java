package io.ringline.platform.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Processes one polled batch reactively: records with the same order key (one call) run one after
 * another, different keys run concurrently (bounded), and the container thread blocks until the whole
 * batch is done so offsets are committed in order.
 *
 * <p>A poison record (undecodable, or failing for reasons of its own after a few quick retries) is
 * dead-lettered and the batch goes on. A transient failure (database or broker unavailable) stops that
 * key's remaining records and is reported as {@link BatchListenerFailedException} at the lowest failed
 * index: the container commits what came before and redelivers from there; consumers are idempotent,
 * so records after it that already succeeded change nothing the second time.
 */
public final class OrderedBatchProcessor {

    private static final Logger log = LoggerFactory.getLogger(OrderedBatchProcessor.class);

    private final ConsumerRecordRecoverer deadLetters;
    private final MeterRegistry meters;
    private final int concurrency;
    private final Duration batchTimeout;

    public OrderedBatchProcessor(ConsumerRecordRecoverer deadLetters, MeterRegistry meters, int concurrency,
            Duration batchTimeout) {
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.concurrency = concurrency;
        this.batchTimeout = batchTimeout;
    }

    public <V> void process(List<ConsumerRecord<String, V>> records, Function<V, String> orderKey,
            Function<ConsumerRecord<String, V>, Mono<Void>> handler) {
        AtomicInteger lowestFailed = new AtomicInteger(Integer.MAX_VALUE);
        Throwable[] firstFailure = new Throwable[1];
        Flux.fromStream(IntStream.range(0, records.size()).boxed())
                .groupBy(i -> keyOf(records.get(i), orderKey))
                .flatMap(group -> {
                    boolean[] groupFailed = {false};
                    return group.concatMap(i -> {
                        if (groupFailed[0]) {
                            return Mono.empty(); // keep the call's order: redelivered after the failed one
                        }
                        return handleOne(records.get(i), handler).onErrorResume(e -> {
                            groupFailed[0] = true;
                            synchronized (firstFailure) {
                                if (i < lowestFailed.get()) {
                                    lowestFailed.set(i);
                                    firstFailure[0] = e;
                                }
                            }
                            return Mono.empty();
                        });
                    });
                }, concurrency)
                .then()
                .block(batchTimeout);
        if (lowestFailed.get() != Integer.MAX_VALUE) {
            ConsumerRecord<String, V> failed = records.get(lowestFailed.get());
            log.warn("transient failure on {}-{}@{}, will be redelivered: {}", failed.topic(), failed.partition(),
                    failed.offset(), firstFailure[0].toString());
            throw new BatchListenerFailedException("transient failure", firstFailure[0], lowestFailed.get());
        }
    }

    private <V> String keyOf(ConsumerRecord<String, V> record, Function<V, String> orderKey) {
        if (record.value() == null) {
            return "\u0000poison";
        }
        try {
            return orderKey.apply(record.value());
        } catch (RuntimeException e) {
            return "\u0000poison";
        }
    }

    private <V> Mono<Void> handleOne(ConsumerRecord<String, V> record,
            Function<ConsumerRecord<String, V>, Mono<Void>> handler) {
        DeserializationException undecodable = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, null);
        if (undecodable != null || record.value() == null) {
            Exception reason = undecodable != null ? undecodable : new PoisonRecordException("record has no value");
            return deadLetter(record, reason);
        }
        return Mono.defer(() -> handler.apply(record))
                .retryWhen(Retry.backoff(2, Duration.ofMillis(50))
                        .filter(e -> !(e instanceof PoisonRecordException) && !FailureClassifier.isTransient(e))
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .doOnSuccess(v -> count(record.topic(), "processed"))
                .onErrorResume(e -> FailureClassifier.isTransient(e)
                        ? Mono.error(e)
                        : deadLetter(record, e instanceof Exception ex ? ex : new PoisonRecordException(e.toString(), e)));
    }

    private <V> Mono<Void> deadLetter(ConsumerRecord<String, V> record, Exception reason) {
        return Mono.fromRunnable(() -> {
            log.error("dead-lettering {}-{}@{} key={}: {}", record.topic(), record.partition(), record.offset(),
                    record.key(), reason.toString());
            deadLetters.accept(record, reason);
            count(record.topic(), "dead_lettered");
        }).subscribeOn(Schedulers.boundedElastic()).then(); // the recoverer blocks on the send
    }

    private void count(String topic, String outcome) {
        counter(topic, outcome).increment();
    }

    /**
     * Registers the record counters of topics this service consumes at zero, so "dead-lettered" panels and alerts
     * read 0 on a healthy service instead of "No data" until the first dead letter.
     */
    public void expectTopics(java.util.Collection<String> topics) {
        for (String topic : topics) {
            for (String outcome : OUTCOMES) {
                counter(topic, outcome);
            }
        }
    }

    private static final List<String> OUTCOMES = List.of("processed", "dead_lettered", "duplicate");

    private Counter counter(String topic, String outcome) {
        return Counter.builder("ringline.kafka.records")
                .description("Records consumed, by topic and outcome")
                .tag("topic", topic)
                .tag("outcome", outcome)
                .register(meters);
    }

    /** Counts a record that was skipped because it had been processed before. */
    public void countDuplicate(String topic) {
        count(topic, "duplicate");
    }
}
