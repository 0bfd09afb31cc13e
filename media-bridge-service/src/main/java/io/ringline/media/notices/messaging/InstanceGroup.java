package io.ringline.media.notices.messaging;

import java.util.UUID;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The consumer group of this instance alone ({@code <application>.sessions.<random>}), so that each bridge
 * instance receives every call event its realtime sessions need. A fresh id per start: nothing is resumed.
 */
@Component("instanceGroup")
public class InstanceGroup {

    private final String id;

    InstanceGroup(Environment environment) {
        this.id = environment.getProperty("spring.application.name", "media-bridge-service") + ".sessions."
                + UUID.randomUUID();
    }

    public String id() {
        return id;
    }
}
