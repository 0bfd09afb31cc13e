package io.ringline.media.livecall.messaging;

import io.ringline.media.livecall.application.LiveCallTracker;
import io.ringline.platform.messaging.CallEventBatches;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code call-events} ({@link CallEventBatches#each}): one call's events in order, different calls
 * concurrently; poison records go to {@code call-events.DLT}.
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
        callEvents.each(records, CallUpdateMapper::toUpdate,
                update -> tracker.apply(update).map(outcome -> outcome == LiveCallTracker.Outcome.DUPLICATE));
    }
}
