package io.ringline.media.notices.messaging;

import io.ringline.media.play.PlayQueue;
import io.ringline.media.realtime.relay.RealtimeSessions;
import io.ringline.platform.kafka.InstanceGroups;
import io.ringline.schemas.avro.CallEvent;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Every instance's own view of {@code call-events}, for what it holds in memory: a call's end
 * ({@code CALL_ENDED}/{@code CALL_MISSED}) stops its realtime sessions and its plays, a play's end
 * ({@code CALL_PLAY_FINISHED}) is told to its protocol-2 sessions. The consumer group is this instance's alone ({@link InstanceGroup}), so every instance sees every
 * event, whichever instance's shared-group consumer tracks live calls; it starts at the newest offset (a session
 * opened after start-up cannot need older events). It commits no offsets ({@link InstanceGroups}): the effects are
 * on open sockets, which a restart closes anyway. Records it cannot read are skipped here (the shared-group consumer
 * dead-letters them).
 */
@Component
public class CallNoticesListener {

    /** The listener container's id (tests wait for its partitions before producing). */
    public static final String ID = "media-call-notices";

    private static final Logger log = LoggerFactory.getLogger(CallNoticesListener.class);

    private final RealtimeSessions sessions;
    private final PlayQueue plays;

    CallNoticesListener(RealtimeSessions sessions, PlayQueue plays) {
        this.sessions = sessions;
        this.plays = plays;
    }

    @KafkaListener(id = CallNoticesListener.ID, groupId = "#{@instanceGroup.id()}",
            topics = "#{T(io.ringline.schemas.Topics).CALL_EVENTS.name()}",
            properties = {"auto.offset.reset=latest"}, containerPostProcessor = InstanceGroups.COMMIT_NOTHING)
    void onBatch(List<ConsumerRecord<String, SpecificRecord>> records) {
        for (ConsumerRecord<String, SpecificRecord> record : records) {
            if (!(record.value() instanceof CallEvent event) || event.getCallId() == null) {
                continue;
            }
            try {
                switch (event.getType()) {
                    case CALL_ENDED, CALL_MISSED -> {
                        sessions.callEnded(event.getCallId());
                        plays.callEnded(event.getCallId());
                    }
                    case CALL_PLAY_FINISHED -> {
                        if (event.getPlayId() != null && event.getPlayOutcome() != null) {
                            sessions.playFinished(event.getCallId(), event.getPlayId(), event.getPlayOutcome());
                        }
                    }
                    default -> {
                    }
                }
            } catch (RuntimeException e) {
                log.warn("could not notify realtime sessions of event {}: {}", event.getEventId(), e.toString());
            }
        }
    }
}
