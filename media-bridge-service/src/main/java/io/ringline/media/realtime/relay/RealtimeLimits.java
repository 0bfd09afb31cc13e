package io.ringline.media.realtime.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one realtime session may hold of a bridge instance (docs/security.md "Limits").
 *
 * @param maxSessionsPerCall sessions of one call open at once on this instance; one more is closed with 1008
 *                           before anything is relayed
 * @param maxFrameSize       largest WebSocket message, from the client or from Evolution GO; a bigger one closes
 *                           the connection with 1009
 * @param maxQueuedBytes     bytes waiting to be written to the sockets, both directions of a session together; a
 *                           side that reads too slowly for that ends the session with 1008 ({@code slow consumer}).
 *                           Client audio waiting to be played is not counted here but in {@code maxBufferedAudio}
 * @param maxInstanceQueuedBytes the same, all sessions of this instance together ({@link InstanceBuffers}): over it,
 *                           a session holding more than its share (this over the open sessions) ends with 1008
 *                           ({@code slow consumer}); sized well inside the heap, which the per-session bound times
 *                           hundreds of sessions is not
 * @param maxBufferedAudio   client audio a talk session may have waiting to be played into the call (paced
 *                           playback); audio beyond it is refused with a {@code BUFFER_FULL} error, the session
 *                           stays open
 * @param playoutLead        how far ahead of real time paced audio is handed to Evolution GO (its jitter margin)
 * @param liveMaxDelay       a {@code live} playout's bound: client audio that would reach GO later than this after it
 *                           is due (the lead included) is dropped, oldest first ({@link Playout})
 */
@ConfigurationProperties("ringline.media.realtime")
record RealtimeLimits(
        @DefaultValue("4") int maxSessionsPerCall,
        @DefaultValue("64KB") DataSize maxFrameSize,
        @DefaultValue("1MB") DataSize maxQueuedBytes,
        @DefaultValue("64MB") DataSize maxInstanceQueuedBytes,
        @DefaultValue("30s") Duration maxBufferedAudio,
        @DefaultValue("40ms") Duration playoutLead,
        @DefaultValue("100ms") Duration liveMaxDelay) {

    public RealtimeLimits {
        if (maxSessionsPerCall < 1 || maxFrameSize.toBytes() < 1024 || maxQueuedBytes.toBytes() < maxFrameSize.toBytes()
                || maxInstanceQueuedBytes.toBytes() < maxFrameSize.toBytes()) {
            throw new IllegalArgumentException("ringline.media.realtime: max-sessions-per-call >= 1, "
                    + "max-frame-size >= 1KB, max-queued-bytes >= max-frame-size and "
                    + "max-instance-queued-bytes >= max-frame-size");
        }
        if (maxBufferedAudio.toMillis() < 100 || playoutLead.isNegative() || playoutLead.toMillis() > 1000) {
            throw new IllegalArgumentException("ringline.media.realtime: max-buffered-audio >= 100ms and "
                    + "0 <= playout-lead <= 1s");
        }
        // a bound at or under the lead would drop audio a client streaming at exact real time sends
        if (liveMaxDelay.compareTo(playoutLead.plusMillis(Pacer.TICK_MILLIS)) < 0
                || liveMaxDelay.compareTo(maxBufferedAudio) > 0) {
            throw new IllegalArgumentException("ringline.media.realtime: playout-lead + 20ms <= live-max-delay "
                    + "<= max-buffered-audio");
        }
    }

    int maxFrameBytes() {
        return (int) Math.min(Integer.MAX_VALUE, maxFrameSize.toBytes());
    }
}
