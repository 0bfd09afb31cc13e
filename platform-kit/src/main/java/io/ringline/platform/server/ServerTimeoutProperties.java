package io.ringline.platform.server;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a client may take to send a request, on every Ringline server (docs/security.md "Limits"); the
 * idle time between requests is {@code server.netty.idle-timeout}.
 *
 * @param headerTimeout  from connecting (or from the end of the previous answer) to the end of the request's
 *                       headers; a client that sends nothing, or trickles its request line or headers, is
 *                       disconnected after this (Reactor Netty's idle timeout alone is reset by every byte)
 * @param readTimeout    longest pause between two reads of a request body
 * @param requestTimeout longest time to receive a whole request body (from the end of its headers)
 */
@ConfigurationProperties("ringline.server")
public record ServerTimeoutProperties(
        @DefaultValue("10s") Duration headerTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("120s") Duration requestTimeout) {
}
