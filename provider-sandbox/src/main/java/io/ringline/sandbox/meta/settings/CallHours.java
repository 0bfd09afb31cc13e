package io.ringline.sandbox.meta.settings;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Meta's {@code call_hours} rules: status, timezone and weekly hours required; at most two ranges per day, each
 * opening before it closes, none overlapping; at most 20 holidays, {@code YYYY-MM-DD}, none in the past. Also
 * answers whether a number takes calls at a given instant.
 */
final class CallHours {

    private static final Set<String> STATUSES = Set.of("ENABLED", "DISABLED");
    private static final Pattern HHMM = Pattern.compile("([01]\\d|2[0-3])[0-5]\\d");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final int MAX_HOLIDAYS = 20;
    private static final int MAX_RANGES_PER_DAY = 2;

    private CallHours() {
    }

    /** One opening range in minutes of the day. */
    private record Range(int from, int to) {
    }

    static List<String> problems(JsonNode hours, Instant now) {
        List<String> problems = new ArrayList<>();
        if (!hours.isObject()) {
            return List.of("call_hours must be an object");
        }
        if (!STATUSES.contains(hours.path("status").asString(""))) {
            problems.add("call_hours.status must be ENABLED or DISABLED");
        }
        ZoneId zone = zone(hours.path("timezone_id").asString(""), problems);
        weeklyProblems(hours.path("weekly_operating_hours"), problems);
        JsonNode holidays = hours.path("holiday_schedule");
        if (!holidays.isMissingNode()) {
            holidayProblems(holidays, zone != null ? LocalDate.ofInstant(now, zone) : null, problems);
        }
        return problems;
    }

    /** Whether calls are taken at {@code now}; a number without enabled call hours always takes calls. */
    static boolean isOpen(JsonNode hours, Instant now) {
        if (!"ENABLED".equals(hours.path("status").asString(""))) {
            return true;
        }
        ZonedDateTime local = now.atZone(ZoneId.of(hours.path("timezone_id").asString()));
        int minute = local.getHour() * 60 + local.getMinute();
        for (JsonNode holiday : hours.path("holiday_schedule")) {
            if (local.toLocalDate().toString().equals(holiday.path("date").asString(""))
                    && within(minute, minutes(holiday.path("start_time")), minutes(holiday.path("end_time")))) {
                return false;
            }
        }
        for (JsonNode range : hours.path("weekly_operating_hours")) {
            if (local.getDayOfWeek().name().equals(range.path("day_of_week").asString(""))
                    && within(minute, minutes(range.path("open_time")), minutes(range.path("close_time")))) {
                return true;
            }
        }
        return false;
    }

    private static ZoneId zone(String id, List<String> problems) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            problems.add("call_hours.timezone_id must be a time zone id such as America/Sao_Paulo");
            return null;
        }
    }

    private static void weeklyProblems(JsonNode weekly, List<String> problems) {
        if (!weekly.isArray() || weekly.isEmpty()) {
            problems.add("call_hours.weekly_operating_hours must list at least one day");
            return;
        }
        Map<DayOfWeek, List<Range>> byDay = new HashMap<>();
        for (JsonNode entry : weekly) {
            DayOfWeek day = day(entry.path("day_of_week").asString(""));
            Range range = range(entry.path("open_time"), entry.path("close_time"), "weekly_operating_hours",
                    problems);
            if (day == null) {
                problems.add("weekly_operating_hours.day_of_week must be MONDAY..SUNDAY");
            } else if (range != null) {
                byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(range);
            }
        }
        byDay.forEach((day, ranges) -> {
            if (ranges.size() > MAX_RANGES_PER_DAY) {
                problems.add(day + " has more than " + MAX_RANGES_PER_DAY + " opening ranges");
            }
            List<Range> sorted = ranges.stream().sorted(Comparator.comparingInt(Range::from)).toList();
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i).from() < sorted.get(i - 1).to()) {
                    problems.add(day + " has overlapping opening ranges");
                }
            }
        });
    }

    private static void holidayProblems(JsonNode holidays, LocalDate today, List<String> problems) {
        if (!holidays.isArray()) {
            problems.add("call_hours.holiday_schedule must be a list");
            return;
        }
        if (holidays.size() > MAX_HOLIDAYS) {
            problems.add("call_hours.holiday_schedule allows at most " + MAX_HOLIDAYS + " entries");
        }
        for (JsonNode holiday : holidays) {
            String date = holiday.path("date").asString("");
            try {
                if (!DATE.matcher(date).matches()) {
                    throw new DateTimeParseException("not YYYY-MM-DD", date, 0);
                }
                if (today != null && LocalDate.parse(date).isBefore(today)) {
                    problems.add("holiday " + date + " is in the past");
                }
            } catch (DateTimeParseException e) {
                problems.add("holiday_schedule.date must be YYYY-MM-DD, got '" + date + "'");
            }
            range(holiday.path("start_time"), holiday.path("end_time"), "holiday_schedule", problems);
        }
    }

    private static Range range(JsonNode from, JsonNode to, String where, List<String> problems) {
        if (!HHMM.matcher(from.asString("")).matches() || !HHMM.matcher(to.asString("")).matches()) {
            problems.add(where + " times must be HHMM (0000-2359)");
            return null;
        }
        Range range = new Range(minutes(from), minutes(to));
        if (range.from() >= range.to()) {
            problems.add(where + " range " + from.asString() + "-" + to.asString() + " must open before it closes");
            return null;
        }
        return range;
    }

    private static DayOfWeek day(String name) {
        try {
            return DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int minutes(JsonNode hhmm) {
        String value = hhmm.asString("0000");
        return Integer.parseInt(value.substring(0, 2)) * 60 + Integer.parseInt(value.substring(2));
    }

    /** The range's closing time is inclusive of its last minute ("2359" means until midnight). */
    private static boolean within(int minute, int from, int to) {
        return minute >= from && (minute < to || to == 23 * 60 + 59);
    }
}
