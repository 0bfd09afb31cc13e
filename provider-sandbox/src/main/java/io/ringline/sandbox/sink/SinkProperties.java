package io.ringline.sandbox.sink;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Bounds of the recording webhook sink: the oldest deliveries are dropped beyond {@code maxDeliveries}. */
@ConfigurationProperties("sandbox.sink")
record SinkProperties(
        @DefaultValue("10000") int maxDeliveries,
        @DefaultValue("1048576") int maxBodyBytes) {
}
