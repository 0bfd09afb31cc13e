package io.ringline.media.livecall.messaging;

import io.ringline.media.config.MediaProperties;
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
 * concurrently), so only the refused record goes to {@code call-events.DLT} with the undecodable ones. Its fetches
 * wait to gather events ({@link MediaProperties.LiveCalls}): nothing here is in a call's path.
 */
@Component
class LiveCallEventsListener {

    private final CallEventBatches callEvents;
    private final LiveCallTracker tracker;
    private final MediaProperties.LiveCalls fetching;

    LiveCallEventsListener(CallEventBatches callEvents, LiveCallTracker tracker, MediaProperties props) {
        this.callEvents = callEvents;
        this.tracker = tracker;
        this.fetching = props.liveCalls();
    }

    @KafkaListener(id = "media-call-events", idIsGroup = false,
            topics = "#{T(io.ringline.schemas.Topics).CALL_EVENTS.name()}",
            properties = {"fetch.min.bytes=#{__listener.fetchMinBytes()}",
                    "fetch.max.wait.ms=#{__listener.fetchMaxWaitMs()}"})
    void onBatch(List<ConsumerRecord<String, SpecificRecord>> records) {
        callEvents.together(records, CallUpdateMapper::toUpdate, tracker::applyAll,
                update -> tracker.apply(update).map(outcome -> outcome == LiveCallTracker.Outcome.DUPLICATE));
    }

    /** For the listener's {@code fetch.min.bytes} (SpEL above). */
    public long fetchMinBytes() {
        return fetching.fetchMinSize().toBytes();
    }

    /** For the listener's {@code fetch.max.wait.ms} (SpEL above). */
    public long fetchMaxWaitMs() {
        return fetching.fetchMaxWait().toMillis();
    }
}
