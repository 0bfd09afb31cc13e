package io.ringline.media.realtime.relay;

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
 * @param maxQueuedBytes     bytes waiting to be sent, both directions of a session together; a side that reads
 *                           too slowly for that ends the session with 1008 (reason {@code slow consumer})
 */
@ConfigurationProperties("ringline.media.realtime")
public record RealtimeLimits(
        @DefaultValue("4") int maxSessionsPerCall,
        @DefaultValue("64KB") DataSize maxFrameSize,
        @DefaultValue("1MB") DataSize maxQueuedBytes) {

    public RealtimeLimits {
        if (maxSessionsPerCall < 1 || maxFrameSize.toBytes() < 1024 || maxQueuedBytes.toBytes() < maxFrameSize.toBytes()) {
            throw new IllegalArgumentException("ringline.media.realtime: max-sessions-per-call >= 1, "
                    + "max-frame-size >= 1KB and max-queued-bytes >= max-frame-size");
        }
    }

    int maxFrameBytes() {
        return (int) Math.min(Integer.MAX_VALUE, maxFrameSize.toBytes());
    }
}
