package io.ringline.gateway.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The internal services the gateway calls over HTTP (docs/internal-apis.md).
 *
 * @param internalToken sent as {@code x-internal-token}; env RINGLINE_INTERNAL_TOKEN
 * @param signaling     call-signaling-service (read side of calls); env RINGLINE_SIGNALING_URL
 * @param fanout        webhook-fanout-service (subscriptions); env RINGLINE_FANOUT_URL
 * @param media         media-bridge-service (EVO_GO /play and realtime sessions); env RINGLINE_MEDIA_URL
 */
@ConfigurationProperties("ringline")
public record UpstreamProperties(String internalToken, Service signaling, Service fanout, Service media) {

    /**
     * @param url     base URL, e.g. {@code http://localhost:8081}
     * @param timeout longest wait for one answer before the caller gets 503
     */
    public record Service(URI url, @DefaultValue("5s") Duration timeout) {
    }

    @Override
    public String toString() {
        return "UpstreamProperties[internalToken=***, signaling=" + signaling + ", fanout=" + fanout + ", media=" + media + "]";
    }
}
