package io.ringline.platform.messaging;

import io.ringline.platform.kafka.OrderedBatchProcessor;
import io.ringline.platform.kafka.PoisonRecordException;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.CallEvent;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;

/**
 * The one way a service consumes {@code call-events} with its shared consumer group, over
 * {@link OrderedBatchProcessor}: a record that is not a {@link CallEvent}, or that {@code decode} refuses
 * ({@link PoisonRecordException}), is dead-lettered to {@code call-events.DLT} without holding up the rest; one call's
 * events keep their order (keyed by call id, else number id); an event applied before is counted as
 * {@code ringline.kafka.records{topic="call-events",outcome="duplicate"}}. The service supplies only what is its own:
 * how an event becomes its type ({@code decode}; null: nothing to do) and how it is applied.
 */
public final class CallEventBatches {

    /** Applies one decoded event (idempotently); emits true when it had been applied before. */
    @FunctionalInterface
    public interface Apply<T> {
        Mono<Boolean> apply(T event);
    }

    /** Applies a poll's decoded events, in offset order, as one unit of work; emits how many had been applied before. */
    @FunctionalInterface
    public interface ApplyAll<T> {
        Mono<Long> applyAll(List<T> events);
    }

    private final OrderedBatchProcessor batches;

    public CallEventBatches(OrderedBatchProcessor batches) {
        this.batches = batches;
    }

    /** Record by record: one call's events one after another, different calls concurrently. */
    public <T> void each(List<ConsumerRecord<String, SpecificRecord>> records, Function<CallEvent, T> decode,
            Apply<T> apply) {
        batches.process(records, CallEventBatches::orderKey, record -> one(record, decode, apply));
    }

    /**
     * A poll at a time: every decoded event of the poll goes to {@code applyAll} in one unit of work; if that fails
     * for a reason of its own (a record the database refuses) the poll is redone with {@code apply}, record by record,
     * so only that record is dead-lettered ({@link OrderedBatchProcessor#processTogether}).
     */
    public <T> void together(List<ConsumerRecord<String, SpecificRecord>> records, Function<CallEvent, T> decode,
            ApplyAll<T> applyAll, Apply<T> apply) {
        batches.processTogether(records, CallEventBatches::orderKey, record -> decode.apply(callEvent(record)),
                decoded -> applyAll.applyAll(decoded).doOnNext(this::countDuplicates).then(),
                record -> one(record, decode, apply));
    }

    private <T> Mono<Void> one(ConsumerRecord<String, SpecificRecord> record, Function<CallEvent, T> decode,
            Apply<T> apply) {
        return Mono.fromCallable(() -> decode.apply(callEvent(record))) // null: nothing to do
                .flatMap(apply::apply)
                .doOnNext(duplicate -> {
                    if (duplicate) {
                        batches.countDuplicate(record.topic());
                    }
                })
                .then();
    }

    private void countDuplicates(long duplicates) {
        for (long i = 0; i < duplicates; i++) {
            batches.countDuplicate(Topics.CALL_EVENTS.name());
        }
    }

    private static CallEvent callEvent(ConsumerRecord<String, SpecificRecord> record) {
        if (!(record.value() instanceof CallEvent event)) {
            throw new PoisonRecordException("not a CallEvent: " + record.value().getClass().getName());
        }
        return event;
    }

    private static String orderKey(SpecificRecord value) {
        CallEvent event = (CallEvent) value; // anything else is poison: the processor keys it apart
        return event.getCallId() != null ? event.getCallId() : event.getNumberId();
    }
}
