package io.ringline.media.notices.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When this instance reads {@code call-events} for its realtime sessions and plays ({@link NoticeDemand}).
 *
 * @param idleStop how long the instance keeps reading after its last session closed and its last play ended; with
 *                 none held it reads nothing. Long, so a busy instance does not stop and rejoin between calls.
 * @param lookBack how far before the first session or play the consumer starts reading when it was stopped: an
 *                 end produced while it joins, or just before (a session opened for a call that was ending), is
 *                 still applied. Covers the clock skew between the producers and this instance too.
 */
@ConfigurationProperties("ringline.media.notices")
record NoticesProperties(@DefaultValue("10m") Duration idleStop, @DefaultValue("5s") Duration lookBack) {

    NoticesProperties {
        if (idleStop.isNegative() || lookBack.isNegative()) {
            throw new IllegalArgumentException("ringline.media.notices.idle-stop and look-back must be >= 0");
        }
    }
}
