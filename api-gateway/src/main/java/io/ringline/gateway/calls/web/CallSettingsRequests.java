package io.ringline.gateway.calls.web;

import io.ringline.platform.web.ApiException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code PUT /v1/calls/settings}: a partial update of Meta's {@code calling} settings, validated here so the
 * tenant hears about a mistake as {@code 400 INVALID_REQUEST} naming the field instead of as Meta's error
 * (rules: reference/meta-cloud-api-calling.md). {@code sip} is refused: enabling SIP switches Graph API
 * calling off for the number, which would silently break every other endpoint of this API.
 */
final class CallSettingsRequests {

    static final int MAX_HOLIDAYS = 20;
    static final int MAX_SLOTS_PER_DAY = 2;

    private static final Set<String> FIELDS =
            Set.of("status", "call_icon_visibility", "callback_permission_status", "call_hours", "voicemail");
    private static final Set<String> ENABLED_DISABLED = Set.of("ENABLED", "DISABLED");
    private static final Set<String> ICON_VISIBILITY = Set.of("DEFAULT", "DISABLE_ALL");
    private static final Pattern HHMM = Pattern.compile("^([01]\\d|2[0-3])[0-5]\\d$");
    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");

    enum Day { MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY }

    private CallSettingsRequests() {
    }

    /**
     * @param today the current date, to refuse holidays already past (compared in the schedule's time zone
     *              by the caller's clock: {@code today} is taken as UTC and a one-day tolerance is allowed)
     * @return the {@code calling} object to send to Meta, exactly the validated fields
     */
    static ObjectNode validate(Optional<ObjectNode> body, LocalDate today) {
        ObjectNode calling = body.orElseThrow(() -> ApiException.invalid("body", "a JSON object is required"));
        if (calling.has("sip")) {
            throw ApiException.invalid("sip", "SIP settings cannot be changed through Ringline: enabling SIP "
                    + "turns off Graph API calling for the number");
        }
        for (String name : calling.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw ApiException.invalid(name, "unknown field");
            }
        }
        if (calling.isEmpty()) {
            throw ApiException.invalid("body", "must contain at least one of " + String.join(", ", sorted(FIELDS)));
        }
        enumField(calling, "status", "status", ENABLED_DISABLED);
        enumField(calling, "call_icon_visibility", "call_icon_visibility", ICON_VISIBILITY);
        enumField(calling, "callback_permission_status", "callback_permission_status", ENABLED_DISABLED);
        if (calling.has("voicemail")) {
            ObjectNode voicemail = object(calling, "voicemail", "voicemail");
            only(voicemail, "voicemail", Set.of("status"));
            requiredEnum(voicemail, "status", "voicemail.status", ENABLED_DISABLED);
        }
        if (calling.has("call_hours")) {
            callHours(object(calling, "call_hours", "call_hours"), today);
        }
        return calling.deepCopy();
    }

    /** Meta's rules: status, time zone and weekly hours required; ≤ 2 slots a day, open &lt; close, no overlap. */
    private static void callHours(ObjectNode hours, LocalDate today) {
        only(hours, "call_hours", Set.of("status", "timezone_id", "weekly_operating_hours", "holiday_schedule"));
        requiredEnum(hours, "status", "call_hours.status", ENABLED_DISABLED);
        String zone = requiredString(hours, "timezone_id", "call_hours.timezone_id");
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ApiException.invalid("call_hours.timezone_id", "must be an IANA time zone like America/Sao_Paulo");
        }
        JsonNode weekly = hours.get("weekly_operating_hours");
        if (weekly == null || weekly.isNull()) {
            throw ApiException.invalid("call_hours.weekly_operating_hours", "is required");
        }
        if (!weekly.isArray() || weekly.isEmpty()) {
            throw ApiException.invalid("call_hours.weekly_operating_hours", "must be a non-empty array");
        }
        Map<Day, List<int[]>> slots = new EnumMap<>(Day.class);
        for (int i = 0; i < weekly.size(); i++) {
            String field = "call_hours.weekly_operating_hours[" + i + "]";
            ObjectNode slot = element(weekly.get(i), field);
            only(slot, field, Set.of("day_of_week", "open_time", "close_time"));
            Day day = Day.valueOf(requiredEnum(slot, "day_of_week", field + ".day_of_week", dayNames()));
            int open = time(slot, "open_time", field);
            int close = time(slot, "close_time", field);
            if (open >= close) {
                throw ApiException.invalid(field + ".close_time", "must be after open_time");
            }
            List<int[]> ofDay = slots.computeIfAbsent(day, d -> new ArrayList<>());
            for (int[] other : ofDay) {
                if (open < other[1] && other[0] < close) {
                    throw ApiException.invalid(field, "overlaps another slot on " + day);
                }
            }
            ofDay.add(new int[] {open, close});
            if (ofDay.size() > MAX_SLOTS_PER_DAY) {
                throw ApiException.invalid(field, "at most " + MAX_SLOTS_PER_DAY + " slots per day");
            }
        }
        JsonNode holidays = hours.get("holiday_schedule");
        if (holidays == null || holidays.isNull()) {
            return;
        }
        if (!holidays.isArray()) {
            throw ApiException.invalid("call_hours.holiday_schedule", "must be an array");
        }
        if (holidays.size() > MAX_HOLIDAYS) {
            throw ApiException.invalid("call_hours.holiday_schedule", "at most " + MAX_HOLIDAYS + " entries");
        }
        for (int i = 0; i < holidays.size(); i++) {
            String field = "call_hours.holiday_schedule[" + i + "]";
            ObjectNode holiday = element(holidays.get(i), field);
            only(holiday, field, Set.of("date", "start_time", "end_time"));
            String date = requiredString(holiday, "date", field + ".date");
            LocalDate day;
            try {
                if (!DATE.matcher(date).matches()) {
                    throw new DateTimeParseException("format", date, 0);
                }
                day = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw ApiException.invalid(field + ".date", "must be a date YYYY-MM-DD");
            }
            // One day of tolerance: "today" in the schedule's zone may still be yesterday in UTC.
            if (day.isBefore(today.minusDays(1))) {
                throw ApiException.invalid(field + ".date", "must not be in the past");
            }
            int start = time(holiday, "start_time", field);
            int end = time(holiday, "end_time", field);
            if (start >= end) {
                throw ApiException.invalid(field + ".end_time", "must be after start_time");
            }
        }
    }

    private static int time(ObjectNode node, String name, String parent) {
        String value = requiredString(node, name, parent + "." + name);
        if (!HHMM.matcher(value).matches()) {
            throw ApiException.invalid(parent + "." + name, "must be a time HHMM between 0000 and 2359");
        }
        return Integer.parseInt(value);
    }

    private static void enumField(ObjectNode node, String name, String field, Set<String> allowed) {
        if (node.has(name)) {
            requiredEnum(node, name, field, allowed);
        }
    }

    private static String requiredEnum(ObjectNode node, String name, String field, Set<String> allowed) {
        String value = requiredString(node, name, field);
        if (!allowed.contains(value)) {
            throw ApiException.invalid(field, "must be one of " + String.join(", ", sorted(allowed)));
        }
        return value;
    }

    private static String requiredString(ObjectNode node, String name, String field) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw ApiException.invalid(field, "is required");
        }
        if (!value.isString()) {
            throw ApiException.invalid(field, "must be a string");
        }
        return value.stringValue();
    }

    private static ObjectNode object(ObjectNode parent, String name, String field) {
        return element(parent.get(name), field);
    }

    private static ObjectNode element(JsonNode value, String field) {
        if (value == null || !value.isObject()) {
            throw ApiException.invalid(field, "must be an object");
        }
        return (ObjectNode) value;
    }

    private static void only(ObjectNode node, String field, Set<String> allowed) {
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw ApiException.invalid(field + "." + name, "unknown field");
            }
        }
    }

    private static Set<String> dayNames() {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (Day day : Day.values()) {
            names.add(day.name());
        }
        return names;
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
