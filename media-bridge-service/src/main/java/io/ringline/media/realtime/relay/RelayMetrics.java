package io.ringline.media.realtime.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.media.realtime.SessionMode;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * {@code ringline.media.sessions{mode}} (open sessions, this instance), {@code ringline.media.frames{direction}}
 * (audio frames relayed: {@code to_client}, {@code to_provider}) and {@code ringline.media.sessions.limited{limit}}
 * (sessions ended or refused by a {@link RealtimeLimits} limit: {@code queued_bytes}, {@code instance_queued_bytes},
 * {@code sessions_per_call})
 * and {@code ringline.media.audio.refused{reason=buffer_full}} (client audio refused by a full playout buffer) and
 * {@code ringline.media.audio.dropped{reason=late}} (milliseconds of client audio a live playout dropped).
 */
@Component
class RelayMetrics {

    static final String TO_CLIENT = "to_client";
    static final String TO_PROVIDER = "to_provider";
    static final String QUEUED_BYTES = "queued_bytes";
    static final String INSTANCE_QUEUED_BYTES = "instance_queued_bytes";
    static final String SESSIONS_PER_CALL = "sessions_per_call";

    private final Map<SessionMode, AtomicInteger> open = new EnumMap<>(SessionMode.class);
    private final Map<String, Counter> frames;
    private final Map<String, Counter> limited;
    private final Counter bufferFull;
    private final Counter lateDropped;

    RelayMetrics(MeterRegistry registry) {
        for (SessionMode mode : SessionMode.values()) {
            open.put(mode, registry.gauge("ringline.media.sessions",
                    io.micrometer.core.instrument.Tags.of("mode", mode.wire()), new AtomicInteger()));
        }
        frames = Map.of(TO_CLIENT, registry.counter("ringline.media.frames", "direction", TO_CLIENT),
                TO_PROVIDER, registry.counter("ringline.media.frames", "direction", TO_PROVIDER));
        limited = Map.of(QUEUED_BYTES, registry.counter("ringline.media.sessions.limited", "limit", QUEUED_BYTES),
                INSTANCE_QUEUED_BYTES, registry.counter("ringline.media.sessions.limited", "limit",
                        INSTANCE_QUEUED_BYTES),
                SESSIONS_PER_CALL, registry.counter("ringline.media.sessions.limited", "limit", SESSIONS_PER_CALL));
        bufferFull = registry.counter("ringline.media.audio.refused", "reason", "buffer_full");
        lateDropped = Counter.builder("ringline.media.audio.dropped").tag("reason", "late").baseUnit("milliseconds")
                .description("client audio a live playout dropped rather than play it later than its bound")
                .register(registry);
    }

    /** A client sent audio beyond its playout buffer (counted once per overflow, not per frame). */
    void bufferFull() {
        bufferFull.increment();
    }

    /** A live playout dropped this much client audio that would have played too late. */
    void lateAudioDropped(double millis) {
        lateDropped.increment(millis);
    }

    void opened(SessionMode mode) {
        open.get(mode).incrementAndGet();
    }

    void closed(SessionMode mode) {
        open.get(mode).decrementAndGet();
    }

    void frame(String direction) {
        frames.get(direction).increment();
    }

    void limited(String limit) {
        limited.get(limit).increment();
    }
}
