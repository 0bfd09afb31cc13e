package io.ringline.platform.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
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

    /**
     * Processes one polled batch as <em>one</em> unit of work (one transaction) instead of one per record. Each record
     * is first decoded: one that cannot be (undecodable, no value, or {@code decode} throws) is dead-lettered, one that
     * decodes to null is skipped (processed, nothing to do); {@code together} then gets every decoded value in offset
     * order, so one call's records keep their order. {@code together} must be idempotent per record, like any handler.
     *
     * <p>If it fails transiently (database or broker unavailable) nothing of it is committed and the batch is
     * redelivered from its first decoded record ({@link BatchListenerFailedException}), so offsets move only past
     * what the database committed. If it fails for another reason — a record the database refuses — the batch falls
     * back to {@link #process} with {@code one}, record by record, so the offending record is dead-lettered after its
     * retries and every other one still goes through.
     */
    public <V, T> void processTogether(List<ConsumerRecord<String, V>> records, Function<V, String> orderKey,
            Function<ConsumerRecord<String, V>, T> decode, Function<List<T>, Mono<Void>> together,
            Function<ConsumerRecord<String, V>, Mono<Void>> one) {
        List<T> decoded = new ArrayList<>(records.size());
        Exception[] poison = new Exception[records.size()];
        int firstDecoded = -1;
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, V> record = records.get(i);
            Exception reason = poisonReason(record);
            T value = null;
            if (reason == null) {
                try {
                    value = decode.apply(record);
                } catch (RuntimeException e) {
                    reason = e; // decoding is pure: a record that fails it fails it every time
                }
            }
            if (reason != null) {
                poison[i] = reason;
            } else if (value != null) {
                decoded.add(value);
                firstDecoded = firstDecoded < 0 ? i : firstDecoded;
            }
        }
        Throwable failure = null;
        if (!decoded.isEmpty()) {
            try {
                Mono.defer(() -> together.apply(decoded))
                        .retryWhen(Retry.backoff(2, Duration.ofMillis(50))
                                .filter(e -> !FailureClassifier.isTransient(e))
                                .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                        .timeout(batchTimeout) // a TimeoutException: transient, the batch comes back
                        .block();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null && !FailureClassifier.isTransient(failure)) {
            log.warn("batch of {} records from {} failed as a whole, processing it record by record: {}",
                    records.size(), records.getFirst().topic(), failure.toString());
            process(records, orderKey, one);
            return;
        }
        for (int i = 0; i < records.size(); i++) {
            if (poison[i] != null && (failure == null || i < firstDecoded)) { // past the redelivery point they come back
                deadLetter(records.get(i), poison[i]).block(batchTimeout);
            }
        }
        if (failure != null) {
            ConsumerRecord<String, V> failed = records.get(firstDecoded);
            log.warn("transient failure on a batch from {}-{}@{}, will be redelivered: {}", failed.topic(),
                    failed.partition(), failed.offset(), failure.toString());
            throw new BatchListenerFailedException("transient failure", failure, firstDecoded);
        }
        for (int i = 0; i < records.size(); i++) {
            if (poison[i] == null) {
                count(records.get(i).topic(), "processed");
            }
        }
    }

    /** Why a record is poison before any handler sees it (undecodable or no value), or null. */
    private static <V> Exception poisonReason(ConsumerRecord<String, V> record) {
        DeserializationException undecodable = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, null);
        if (undecodable != null) {
            return undecodable;
        }
        return record.value() == null ? new PoisonRecordException("record has no value") : null;
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
