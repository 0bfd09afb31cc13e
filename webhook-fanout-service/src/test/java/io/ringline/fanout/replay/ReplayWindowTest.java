package io.ringline.fanout.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Replay range rules, row by row: since < until, within retention, at most the maximum range, not future. */
class ReplayWindowTest {

    private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(7);
    private static final Duration MAX_RANGE = Duration.ofDays(7);

    @ParameterizedTest(name = "since {0} until {1} → {2}")
    @CsvSource(nullValues = "-", value = {
            "2026-01-10T11:00:00Z, -,                    ok,    2026-01-10T12:00:00Z",
            "2026-01-03T12:00:00Z, 2026-01-10T12:00:00Z, ok,    2026-01-10T12:00:00Z",
            "2026-01-09T00:00:00Z, 2026-01-09T01:00:00Z, ok,    2026-01-09T01:00:00Z",
            "-,                    -,                    since, -",
            "2026-01-09T01:00:00Z, 2026-01-09T01:00:00Z, until, -",
            "2026-01-09T02:00:00Z, 2026-01-09T01:00:00Z, until, -",
            "2026-01-10T13:00:00Z, -,                    since, -",
            "2026-01-03T11:59:59Z, -,                    since, -",
            "2026-01-03T12:00:00Z, 2026-01-10T12:00:01Z, until, -"})
    void validates(Instant since, Instant until, String outcome, Instant expectedUntil) {
        if (outcome.equals("ok")) {
            ReplayWindow window = ReplayWindow.of(since, until, NOW, RETENTION, MAX_RANGE);
            assertThat(window.since()).isEqualTo(since);
            assertThat(window.until()).isEqualTo(expectedUntil);
        } else {
            assertThatThrownBy(() -> ReplayWindow.of(since, until, NOW, RETENTION, MAX_RANGE))
                    .isInstanceOfSatisfying(ReplayWindow.Invalid.class, e -> assertThat(e.field()).isEqualTo(outcome));
        }
    }
}
