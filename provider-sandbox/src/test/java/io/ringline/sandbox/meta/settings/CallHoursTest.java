package io.ringline.sandbox.meta.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CallHoursTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode HOURS = JSON.readTree("""
            {"status":"ENABLED","timezone_id":"America/Sao_Paulo",
             "weekly_operating_hours":[{"day_of_week":"MONDAY","open_time":"0900","close_time":"1800"}],
             "holiday_schedule":[{"date":"2026-03-09","start_time":"0000","end_time":"2359"}]}
            """);

    @Test
    void openOnlyWithinTheWeeklyHoursInTheNumbersTimeZone() {
        // Monday 2026-03-02 10:00 in São Paulo is 13:00 UTC.
        assertThat(CallHours.isOpen(HOURS, Instant.parse("2026-03-02T13:00:00Z"))).isTrue();
        assertThat(CallHours.isOpen(HOURS, Instant.parse("2026-03-02T11:59:00Z"))).isFalse();
        assertThat(CallHours.isOpen(HOURS, Instant.parse("2026-03-03T13:00:00Z"))).isFalse();
    }

    @Test
    void closedOnHolidays() {
        assertThat(CallHours.isOpen(HOURS, Instant.parse("2026-03-09T13:00:00Z"))).isFalse();
    }

    @Test
    void alwaysOpenWhenCallHoursAreDisabled() {
        assertThat(CallHours.isOpen(JSON.readTree("{\"status\":\"DISABLED\"}"), Instant.now())).isTrue();
    }

    @Test
    void validHoursHaveNoProblems() {
        assertThat(CallHours.problems(HOURS, Instant.parse("2026-03-01T00:00:00Z"))).isEmpty();
    }
}
