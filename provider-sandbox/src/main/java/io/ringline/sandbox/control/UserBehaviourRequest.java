package io.ringline.sandbox.control;

import io.ringline.sandbox.sim.user.OnCall;
import io.ringline.sandbox.sim.user.PermissionAnswer;

/**
 * {@code PUT /sandbox/users/{phone}/behaviour}. Omitted fields take the configured defaults;
 * {@code hangUpAfterMs: -1} means the user never hangs up by itself; {@code name} is the WhatsApp profile name.
 */
record UserBehaviourRequest(OnCall onCall, Long afterMs, Long hangUpAfterMs, PermissionAnswer permission,
        String name) {
}
