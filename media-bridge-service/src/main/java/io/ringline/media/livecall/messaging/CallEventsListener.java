package io.ringline.media.livecall.messaging;

import io.ringline.media.livecall.application.LiveCallTracker;
import io.ringline.platform.kafka.OrderedBatchProcessor;
import io.ringline.platform.kafka.PoisonRecordException;
import io.ringline.schemas.avro.CallEvent;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Consumes {@code call-events}: one call's events in order, different calls concurrently; poison
 * records go to {@code call-events.DLT}.
 */
@Component
class CallEventsListener {

    private final OrderedBatchProcessor batches;
    private final LiveCallTracker tracker;

    CallEventsListener(OrderedBatchProcessor batches, LiveCallTracker tracker) {
        this.batches = batches;
        this.tracker = tracker;
    }

    @KafkaListener(id = "media-call-events", idIsGroup = false,
            topics = "#{T(io.ringline.schemas.Topics).CALL_EVENTS.name()}")
    void onBatch(List<ConsumerRecord<String, SpecificRecord>> records) {
        batches.process(records, CallEventsListener::orderKey, this::handle);
    }

    private static String orderKey(SpecificRecord value) {
        CallEvent event = (CallEvent) value; // anything else is poison: the processor keys it apart
        return event.getCallId() != null ? event.getCallId() : event.getNumberId();
    }

    private Mono<Void> handle(ConsumerRecord<String, SpecificRecord> record) {
        if (!(record.value() instanceof CallEvent event)) {
            return Mono.error(new PoisonRecordException("not a CallEvent: " + record.value().getClass().getName()));
        }
        return Mono.fromCallable(() -> CallEventMapper.toUpdate(event))
                .flatMap(tracker::apply)
                .doOnNext(outcome -> {
                    if (outcome == LiveCallTracker.Outcome.DUPLICATE) {
                        batches.countDuplicate(record.topic());
                    }
                })
                .then();
    }
}
