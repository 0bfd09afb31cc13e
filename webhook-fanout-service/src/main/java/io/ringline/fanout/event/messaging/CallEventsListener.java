package io.ringline.fanout.event.messaging;

import io.ringline.fanout.event.CallEventNotice;
import io.ringline.fanout.event.FanOut;
import io.ringline.platform.kafka.OrderedBatchProcessor;
import io.ringline.platform.kafka.PoisonRecordException;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.CallEvent;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Consumes {@code call-events} a poll at a time: the whole poll's events are fanned out in one transaction, in
 * offset order (so one call's events stay in order), and the offsets are committed only after it commits. Poison
 * records go to {@code call-events.DLT} without holding up the rest: an undecodable or contract-breaking record is
 * set aside before the transaction; a record the database refuses fails the poll's transaction, which is then
 * redone record by record (one call's events in order, different calls concurrently) so only that record is
 * dead-lettered.
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
        batches.processTogether(records, CallEventsListener::orderKey, this::decode, this::fanOutAll, this::handle);
    }

    /** The notice a record carries; null for an event type this version does not know (nothing to send). */
    private CallEventNotice decode(ConsumerRecord<String, SpecificRecord> record) {
        if (!(record.value() instanceof CallEvent event)) {
            throw new PoisonRecordException("not a CallEvent: " + record.value().getClass().getName());
        }
        return mapper.toNotice(event).orElse(null);
    }

    private Mono<Void> fanOutAll(List<CallEventNotice> notices) {
        return fanOut.acceptAll(notices)
                .doOnNext(results -> results.stream().filter(FanOut.Result::duplicate)
                        .forEach(duplicate -> batches.countDuplicate(Topics.CALL_EVENTS.name())))
                .then();
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
