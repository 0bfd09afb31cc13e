package io.ringline.signaling.call.application;

import io.ringline.signaling.SignalingProperties;
import io.ringline.signaling.call.CommandError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Whether a command may still be started. Its sender waits {@code ringline.signaling.command-deadline} after
 * {@code issuedAt} for the reply and then tells the tenant nothing was changed; so a command is started only while
 * all it may still take fits before that: a provider slot ({@code provider-limits.max-wait}), the provider
 * ({@code provider-timeout}) and recording and replying ({@link #REPLY_ALLOWANCE}). A command read later (a
 * backlog, a paused or restarted service) is answered {@link #EXPIRED} and never carried out.
 */
@Component
class CommandDeadline {

    /** Room for the transaction recording the provider's answer and for the reply to reach the sender. */
    static final Duration REPLY_ALLOWANCE = Duration.ofSeconds(1);

    static final CommandError EXPIRED = new CommandError(503, "SERVICE_UNAVAILABLE",
            "Ringline's call service could not start the command in time; nothing was changed; try again",
            "{\"retryAfterSeconds\":1}");

    /** Thrown inside the claiming transaction to roll the claim back: an expired command leaves nothing behind. */
    static final class Expired extends RuntimeException {
        Expired() {
            super("command expired", null, false, false);
        }
    }

    private final Duration startWithin;
    // issuedAt is the gateway's wall clock, so this compares with the wall clock, not the injectable one (which
    // tests move to drive call timers).
    private final Clock wallClock = Clock.systemUTC();

    CommandDeadline(SignalingProperties props) {
        this.startWithin = startWithin(props);
    }

    /** How long after {@code issuedAt} a command may still be started. */
    static Duration startWithin(SignalingProperties props) {
        return props.commandDeadline().minus(props.providerTimeout()).minus(props.providerLimits().maxWait())
                .minus(REPLY_ALLOWANCE);
    }

    boolean expired(Instant issuedAt) {
        return wallClock.instant().isAfter(issuedAt.plus(startWithin));
    }
}
