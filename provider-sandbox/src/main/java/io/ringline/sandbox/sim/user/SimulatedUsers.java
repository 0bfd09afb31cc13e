package io.ringline.sandbox.sim.user;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/** The simulated WhatsApp users: explicit behaviours by phone digits, configured defaults for everyone else. */
@Component
public class SimulatedUsers {

    private final UserDefaultsProperties defaults;
    private final Map<String, UserBehaviour> behaviours = new ConcurrentHashMap<>();
    private final AtomicLong revisions = new AtomicLong();

    public SimulatedUsers(UserDefaultsProperties defaults) {
        this.defaults = defaults;
    }

    public UserBehaviour behaviourOf(String phone) {
        UserBehaviour explicit = behaviours.get(phone);
        return explicit != null ? explicit : defaultsFor(phone, 0);
    }

    /** Null arguments fall back to the configured defaults; a negative {@code hangUpAfter} means never. */
    public UserBehaviour define(String phone, OnCall onCall, Duration after, Duration hangUpAfter,
            PermissionAnswer permission, String name) {
        UserBehaviour base = defaultsFor(phone, revisions.incrementAndGet());
        UserBehaviour behaviour = new UserBehaviour(
                onCall != null ? onCall : base.onCall(),
                after != null ? after : base.after(),
                hangUpAfter != null ? neverIfNegative(hangUpAfter) : base.hangUpAfter(),
                permission != null ? permission : base.permission(),
                name != null && !name.isBlank() ? name : base.name(),
                base.revision());
        behaviours.put(phone, behaviour);
        return behaviour;
    }

    /** Back to defaults, under a new revision so grants given under the old behaviour lapse. */
    public UserBehaviour reset(String phone) {
        UserBehaviour behaviour = defaultsFor(phone, revisions.incrementAndGet());
        behaviours.put(phone, behaviour);
        return behaviour;
    }

    private UserBehaviour defaultsFor(String phone, long revision) {
        return new UserBehaviour(defaults.onCall(), defaults.after(), neverIfNegative(defaults.hangUpAfter()),
                defaults.permission(), "Sandbox User " + phone.substring(Math.max(0, phone.length() - 4)), revision);
    }

    private static Optional<Duration> neverIfNegative(Duration duration) {
        return duration.isNegative() ? Optional.empty() : Optional.of(duration);
    }
}
