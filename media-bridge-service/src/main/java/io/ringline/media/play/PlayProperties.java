package io.ringline.media.play;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param maxQueuedPerCall plays one call may have waiting behind the one playing; more → 409 PLAY_QUEUE_FULL */
@ConfigurationProperties("ringline.media.play")
record PlayProperties(@DefaultValue("8") int maxQueuedPerCall) {

    public PlayProperties {
        if (maxQueuedPerCall < 0) {
            throw new IllegalArgumentException("ringline.media.play.max-queued-per-call must be >= 0");
        }
    }
}
