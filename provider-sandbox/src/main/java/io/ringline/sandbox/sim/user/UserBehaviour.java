package io.ringline.sandbox.sim.user;

import java.time.Duration;
import java.util.Optional;

/**
 * How one simulated WhatsApp user behaves. {@code hangUpAfter} is empty when the user never hangs up by itself.
 * {@code revision} changes on every redefinition so permission grants derived from an older behaviour expire.
 */
public record UserBehaviour(
        OnCall onCall,
        Duration after,
        Optional<Duration> hangUpAfter,
        PermissionAnswer permission,
        String name,
        long revision) {
}
