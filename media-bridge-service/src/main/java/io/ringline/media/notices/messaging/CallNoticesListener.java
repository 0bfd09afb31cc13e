package io.ringline.media.notices.messaging;

import io.ringline.media.notices.CallNoticeHandler;
import io.ringline.schemas.avro.CallEvent;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Every instance's own view of {@code call-events}, for what it holds in memory: a call's end
 * ({@code CALL_ENDED}/{@code CALL_MISSED}) stops its realtime sessions and its plays, a play's end
 * ({@code CALL_PLAY_FINISHED}) is told to its protocol-2 sessions. Read by the instance's own consumer
 * ({@link CallNoticesConfiguration}) only while a session or a play here needs it ({@code NoticeDemand}). Records it
 * cannot read are skipped here (the shared-group consumer dead-letters them).
 */
@Component
class CallNoticesListener {

    private static final Logger log = LoggerFactory.getLogger(CallNoticesListener.class);

    private final List<CallNoticeHandler> handlers;

    /** {@code handlers}: what holds sessions and plays (the realtime sessions, the play queue). */
    CallNoticesListener(@Qualifier("callNoticesContainer") KafkaMessageListenerContainer<String, SpecificRecord> container,
            List<CallNoticeHandler> handlers) {
        this.handlers = List.copyOf(handlers);
        container.setupMessageListener((BatchMessageListener<String, SpecificRecord>) this::onBatch);
    }

    void onBatch(List<ConsumerRecord<String, SpecificRecord>> records) {
        for (ConsumerRecord<String, SpecificRecord> record : records) {
            if (!(record.value() instanceof CallEvent event) || event.getCallId() == null) {
                continue;
            }
            for (CallNoticeHandler handler : handlers) {
                try {
                    switch (event.getType()) {
                        case CALL_ENDED, CALL_MISSED -> handler.callEnded(event.getCallId());
                        case CALL_PLAY_FINISHED -> {
                            if (event.getPlayId() != null && event.getPlayOutcome() != null) {
                                handler.playFinished(event.getCallId(), event.getPlayId(), event.getPlayOutcome());
                            }
                        }
                        default -> {
                        }
                    }
                } catch (RuntimeException e) { // one handler's failure does not keep the notice from the others
                    log.warn("could not apply event {} to {}: {}", event.getEventId(),
                            handler.getClass().getSimpleName(), e.toString());
                }
            }
        }
    }
}
