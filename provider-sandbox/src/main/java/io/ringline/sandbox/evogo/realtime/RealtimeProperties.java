package io.ringline.sandbox.evogo.realtime;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The GO realtime audio WebSocket. {@code publicBaseUrl} (e.g. {@code ws://sandbox:8090}) is for a sandbox reached
 * through a proxy; unset, {@code wsUrl} is built from the host and port the session request came in on, which is
 * right on random ports and in the dev stack.
 */
@ConfigurationProperties("sandbox.realtime")
public record RealtimeProperties(@DefaultValue("120s") Duration tokenTtl, URI publicBaseUrl) {
}
