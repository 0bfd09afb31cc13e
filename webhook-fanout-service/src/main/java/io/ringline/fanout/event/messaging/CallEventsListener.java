package io.ringline.fanout.event.messaging;

import io.ringline.fanout.event.FanOut;
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
 * Consumes {@code call-events}: one call's events in order (keyed by call, or by number for events
 * without a call), different calls concurrently; poison records go to {@code call-events.DLT}.
 */
@Component
class CallEventsListener {

    private final OrderedBatchProcessor batches;
    private final CallEventMapper mapper;
    private final FanOut fanOut;

    CallEventsListener(OrderedBatchProcessor batches, CallEventMapper mapper, FanOut fanOut) {
        this.batches = batches;
        this.mapper = mapper;
        this.fanOut = fanOut;
    }

    @KafkaListener(id = "fanout-call-events", idIsGroup = false,
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
        return Mono.fromCallable(() -> mapper.toNotice(event))
                .flatMap(notice -> notice.map(fanOut::accept).orElse(Mono.empty()))
                .doOnNext(result -> {
                    if (result.duplicate()) {
                        batches.countDuplicate(record.topic());
                    }
                })
                .then();
    }
}
