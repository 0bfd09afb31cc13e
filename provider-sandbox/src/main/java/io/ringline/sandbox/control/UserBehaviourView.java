package io.ringline.sandbox.control;

import java.time.Duration;

import io.ringline.sandbox.sim.user.OnCall;
import io.ringline.sandbox.sim.user.PermissionAnswer;
import io.ringline.sandbox.sim.user.UserBehaviour;

/** A user's effective behaviour; {@code hangUpAfterMs} is -1 when the user never hangs up. */
record UserBehaviourView(String phone, OnCall onCall, long afterMs, long hangUpAfterMs, PermissionAnswer permission,
        String name) {

    static UserBehaviourView of(String phone, UserBehaviour behaviour) {
        return new UserBehaviourView(phone, behaviour.onCall(), behaviour.after().toMillis(),
                behaviour.hangUpAfter().map(Duration::toMillis).orElse(-1L), behaviour.permission(),
                behaviour.name());
    }
}
