package io.ringline.media.livecall.messaging;

import io.ringline.media.livecall.application.LiveCallTracker;
import io.ringline.platform.messaging.CallEventBatches;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code call-events} a poll at a time ({@link CallEventBatches#together}): the poll's live-call changes in one
 * transaction; if the database refuses it, record by record (one call's events in order, different calls
 * concurrently), so only the refused record goes to {@code call-events.DLT} with the undecodable ones.
 */
@Component
class LiveCallEventsListener {

    private final CallEventBatches callEvents;
    private final LiveCallTracker tracker;

    LiveCallEventsListener(CallEventBatches callEvents, LiveCallTracker tracker) {
        this.callEvents = callEvents;
        this.tracker = tracker;
    }

    @KafkaListener(id = "media-call-events", idIsGroup = false,
            topics = "#{T(io.ringline.schemas.Topics).CALL_EVENTS.name()}")
    void onBatch(List<ConsumerRecord<String, SpecificRecord>> records) {
        callEvents.together(records, CallUpdateMapper::toUpdate, tracker::applyAll,
                update -> tracker.apply(update).map(outcome -> outcome == LiveCallTracker.Outcome.DUPLICATE));
    }
}
