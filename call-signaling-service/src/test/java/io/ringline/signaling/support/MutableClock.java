package io.ringline.signaling.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand; it follows real time until frozen, and only ever moves forward. */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> frozen = new AtomicReference<>();
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant() {
        Instant at = frozen.get();
        return at != null ? at : Instant.now().plus(offset.get());
    }

    /** Moves time forward by {@code amount} (frozen or not). */
    public void advance(Duration amount) {
        if (frozen.get() != null) {
            frozen.updateAndGet(at -> at.plus(amount));
        } else {
            offset.updateAndGet(d -> d.plus(amount));
        }
    }

    /** Stops time at its current instant (to the millisecond), so several things happen "at once". */
    public Instant freeze() {
        Instant now = instant().truncatedTo(ChronoUnit.MILLIS);
        frozen.set(now);
        return now;
    }

    /** Lets time run again from where it stood. */
    public void resume() {
        Instant at = frozen.get();
        if (at != null) {
            Duration needed = Duration.between(Instant.now(), at);
            offset.updateAndGet(d -> needed.compareTo(d) > 0 ? needed : d);
            frozen.set(null);
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("tests run in UTC");
    }
}
