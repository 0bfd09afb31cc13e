package io.ringline.gateway.calls.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live call-event stream of a number ({@code GET /v1/calls/events}).
 *
 * @param heartbeat           a comment line this often keeps idle connections (and proxies) open
 * @param maxStreamsPerNumber open streams per number on one gateway instance; more → {@code 429 RATE_LIMITED}
 * @param buffer              events queued for one slow client; a client that falls this far behind is
 *                            disconnected (it reconnects and re-reads {@code GET /v1/calls})
 * @param idleStop            how long the instance keeps reading {@code call-events} after its last stream closed;
 *                            with no stream open it reads nothing, and the next stream waits for its consumer to
 *                            join again before {@code ready} (up to the broker's
 *                            {@code group.initial.rebalance.delay.ms}, 3 s by default)
 */
@ConfigurationProperties("ringline.gateway.call-events")
public record CallEventsProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("20") int maxStreamsPerNumber,
        @DefaultValue("256") int buffer,
        @DefaultValue("10m") Duration idleStop) {
}
