package io.ringline.media.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param metricsRefresh how often the live-call gauge is recomputed from the database */
@ConfigurationProperties("ringline.media")
public record MediaProperties(@DefaultValue("5s") Duration metricsRefresh) {
}
