package io.ringline.fanout.event.messaging;

import io.ringline.fanout.event.FanOut;
import io.ringline.platform.messaging.CallEventBatches;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code call-events} a poll at a time ({@link CallEventBatches#together}): the whole poll's events are
 * fanned out in one transaction, in offset order (so one call's events stay in order), and the offsets are committed
 * only after it commits. Poison records go to {@code call-events.DLT} without holding up the rest: an undecodable or
 * contract-breaking record is set aside before the transaction; a record the database refuses fails the poll's
 * transaction, which is then redone record by record (one call's events in order, different calls concurrently) so
 * only that record is dead-lettered. An event type this version does not know decodes to nothing to send.
 */
@Component
class FanOutEventsListener {

    private final CallEventBatches callEvents;
    private final CallEventNoticeMapper mapper;
    private final FanOut fanOut;

    FanOutEventsListener(CallEventBatches callEvents, CallEventNoticeMapper mapper, FanOut fanOut) {
        this.callEvents = callEvents;
        this.mapper = mapper;
        this.fanOut = fanOut;
    }

    @KafkaListener(id = "fanout-call-events", idIsGroup = false,
            topics = "#{T(io.ringline.schemas.Topics).CALL_EVENTS.name()}")
    void onBatch(List<ConsumerRecord<String, SpecificRecord>> records) {
        callEvents.together(records, event -> mapper.toNotice(event).orElse(null),
                notices -> fanOut.acceptAll(notices)
                        .map(results -> results.stream().filter(FanOut.Result::duplicate).count()),
                notice -> fanOut.accept(notice).map(FanOut.Result::duplicate));
    }
}
