package io.ringline.media.livecall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The live-call rule, row by row: (provider, event kind) → change. */
class LiveCallChangeTest {

    static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");

    static CallUpdate update(String provider, CallUpdate.Kind kind) {
        return new CallUpdate("evt_1", kind, provider, "call_1", "num_1", "ten_1", "GO-1", "+5511", AT);
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "EVO_GO, CONNECTED, Track",
            "EVO_GO, ENDED, Release",
            "EVO_GO, MISSED, Release",
            "EVO_GO, OTHER, Ignore",
            "META, CONNECTED, Ignore",
            "META, ENDED, Ignore",
            "META, MISSED, Ignore",
            "UNKNOWN, CONNECTED, Ignore"})
    void decides(String provider, CallUpdate.Kind kind, String change) {
        assertThat(LiveCallChange.of(update(provider, kind)).getClass().getSimpleName()).isEqualTo(change);
    }

    @Test
    void aConnectedCallIsLiveSinceTheEventOccurred() {
        assertThat(LiveCallChange.of(update("EVO_GO", CallUpdate.Kind.CONNECTED))).isEqualTo(new LiveCallChange.Track(
                new LiveCall("call_1", "num_1", "ten_1", "EVO_GO", "GO-1", "+5511", AT)));
        assertThat(LiveCallChange.of(update("EVO_GO", CallUpdate.Kind.ENDED)))
                .isEqualTo(new LiveCallChange.Release("call_1"));
    }
}
