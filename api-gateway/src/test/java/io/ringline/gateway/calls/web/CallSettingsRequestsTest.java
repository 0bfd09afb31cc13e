package io.ringline.gateway.calls.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ringline.platform.web.ApiException;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CallSettingsRequestsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
    private static final String MONDAY = "{\"day_of_week\":\"MONDAY\",\"open_time\":\"0900\",\"close_time\":\"1200\"}";

    private static String hours(String weekly, String holidays) {
        return "{\"call_hours\":{\"status\":\"ENABLED\",\"timezone_id\":\"America/Sao_Paulo\","
                + "\"weekly_operating_hours\":[" + weekly + "]" + (holidays == null ? "" : ",\"holiday_schedule\":["
                + holidays + "]") + "}}";
    }

    @Test
    void aValidPartialUpdateIsPassedOnAsReceived() {
        String body = "{\"status\":\"DISABLED\",\"callback_permission_status\":\"ENABLED\","
                + "\"call_icon_visibility\":\"DEFAULT\",\"voicemail\":{\"status\":\"ENABLED\"}}";
        assertThat(CallSettingsRequests.validate(Optional.of(object(body)), TODAY)).isEqualTo(object(body));
    }

    @Test
    void callHoursWithTwoSlotsADayAndFutureHolidaysAreValid() {
        String body = hours(MONDAY + ",{\"day_of_week\":\"MONDAY\",\"open_time\":\"1300\",\"close_time\":\"1800\"},"
                + "{\"day_of_week\":\"SUNDAY\",\"open_time\":\"0000\",\"close_time\":\"2359\"}",
                "{\"date\":\"2026-12-25\",\"start_time\":\"0000\",\"end_time\":\"2359\"}");
        assertThat(CallSettingsRequests.validate(Optional.of(object(body)), TODAY)).isEqualTo(object(body));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{}                                                       | body",
            "{\"sip\":{}}                                             | sip",
            "{\"status\":\"enabled\"}                                 | status",
            "{\"status\":null}                                        | status",
            "{\"call_icon_visibility\":\"NONE\"}                      | call_icon_visibility",
            "{\"callback_permission_status\":1}                       | callback_permission_status",
            "{\"voicemail\":true}                                     | voicemail",
            "{\"voicemail\":{\"status\":\"ENABLED\",\"x\":1}}         | voicemail.x",
            "{\"call_hours\":[]}                                      | call_hours",
            "{\"call_hours\":{\"timezone_id\":\"UTC\",\"weekly_operating_hours\":[]}} | call_hours.status",
            "{\"call_hours\":{\"status\":\"ENABLED\",\"weekly_operating_hours\":[]}}  | call_hours.timezone_id",
            "{\"call_hours\":{\"status\":\"ENABLED\",\"timezone_id\":\"UTC\"}}          | call_hours.weekly_operating_hours",
            "{\"call_hours\":{\"status\":\"ENABLED\",\"timezone_id\":\"UTC\",\"weekly_operating_hours\":[]}} | call_hours.weekly_operating_hours",
            "{\"call_hours\":{\"status\":\"ENABLED\",\"timezone_id\":\"UTC\",\"weekly_operating_hours\":[],\"x\":1}} | call_hours.x"
    })
    void invalidFieldsAreNamed(String body, String field) {
        assertInvalid(body, field);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"day_of_week\":\"MON\",\"open_time\":\"0900\",\"close_time\":\"1200\"}     | call_hours.weekly_operating_hours[0].day_of_week",
            "{\"day_of_week\":\"MONDAY\",\"open_time\":\"9:00\",\"close_time\":\"1200\"}  | call_hours.weekly_operating_hours[0].open_time",
            "{\"day_of_week\":\"MONDAY\",\"open_time\":\"0900\",\"close_time\":\"2400\"}  | call_hours.weekly_operating_hours[0].close_time",
            "{\"day_of_week\":\"MONDAY\",\"open_time\":\"1200\",\"close_time\":\"1200\"}  | call_hours.weekly_operating_hours[0].close_time",
            "{\"day_of_week\":\"MONDAY\",\"open_time\":\"0900\"}                          | call_hours.weekly_operating_hours[0].close_time",
            "{\"day_of_week\":\"MONDAY\",\"open_time\":\"0900\",\"close_time\":\"1200\",\"x\":1} | call_hours.weekly_operating_hours[0].x"
    })
    void weeklySlotRules(String slot, String field) {
        assertInvalid(hours(slot, null), field);
    }

    @Test
    void overlappingSlotsAndAThirdSlotADayAreRefused() {
        assertInvalid(hours(MONDAY + ",{\"day_of_week\":\"MONDAY\",\"open_time\":\"1100\",\"close_time\":\"1400\"}",
                null), "call_hours.weekly_operating_hours[1]");
        assertInvalid(hours(MONDAY + ",{\"day_of_week\":\"MONDAY\",\"open_time\":\"1300\",\"close_time\":\"1400\"},"
                + "{\"day_of_week\":\"MONDAY\",\"open_time\":\"1500\",\"close_time\":\"1600\"}", null),
                "call_hours.weekly_operating_hours[2]");
    }

    @Test
    void holidayRules() {
        assertInvalid(hours(MONDAY, "{\"date\":\"2026-11-01\",\"start_time\":\"0000\",\"end_time\":\"2359\"}"),
                "call_hours.holiday_schedule[0].date");
        assertInvalid(hours(MONDAY, "{\"date\":\"25/12/2026\",\"start_time\":\"0000\",\"end_time\":\"2359\"}"),
                "call_hours.holiday_schedule[0].date");
        assertInvalid(hours(MONDAY, "{\"date\":\"2026-02-30\",\"start_time\":\"0000\",\"end_time\":\"2359\"}"),
                "call_hours.holiday_schedule[0].date");
        assertInvalid(hours(MONDAY, "{\"date\":\"2026-12-25\",\"start_time\":\"1000\",\"end_time\":\"0900\"}"),
                "call_hours.holiday_schedule[0].end_time");
        String holiday = "{\"date\":\"2026-12-25\",\"start_time\":\"0000\",\"end_time\":\"2359\"}";
        assertInvalid(hours(MONDAY, String.join(",", java.util.Collections.nCopies(21, holiday))),
                "call_hours.holiday_schedule");
        assertThat(CallSettingsRequests.validate(Optional.of(object(
                hours(MONDAY, String.join(",", java.util.Collections.nCopies(20, holiday))))), TODAY)).isNotNull();
    }

    private static void assertInvalid(String body, String field) {
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> CallSettingsRequests.validate(Optional.of(object(body)), TODAY));
        assertThat(e).as(body).isNotNull();
        assertThat(e.code()).isEqualTo("INVALID_REQUEST");
        assertThat(e.details()).containsEntry("field", field);
    }

    private static ObjectNode object(String json) {
        return (ObjectNode) JSON.readTree(json);
    }
}
