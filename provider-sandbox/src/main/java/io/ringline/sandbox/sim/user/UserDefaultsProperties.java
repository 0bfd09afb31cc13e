package io.ringline.sandbox.sim.user;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Behaviour of simulated users nobody configured; a negative {@code hangUpAfter} means "never hangs up". */
@ConfigurationProperties("sandbox.users")
public record UserDefaultsProperties(
        @DefaultValue("answer") OnCall onCall,
        @DefaultValue("1000ms") Duration after,
        @DefaultValue("3000ms") Duration hangUpAfter,
        @DefaultValue("none") PermissionAnswer permission) {
}
