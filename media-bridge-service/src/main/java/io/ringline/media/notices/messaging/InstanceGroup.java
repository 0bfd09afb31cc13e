package io.ringline.media.notices.messaging;

import io.ringline.platform.config.ApplicationProperties;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The consumer group of this instance alone ({@code <application>.sessions.<random>}), so that each bridge
 * instance receives every call event its realtime sessions need. A fresh id per start: nothing is resumed.
 */
@Component("instanceGroup")
class InstanceGroup {

    private final String id;

    InstanceGroup(ApplicationProperties application) {
        this.id = application.name() + ".sessions." + UUID.randomUUID();
    }

    public String id() {
        return id;
    }
}
