package io.ringline.gateway.webhooks;

import io.ringline.gateway.web.JsonFields;
import io.ringline.gateway.web.Validation;
import io.ringline.platform.web.ApiException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Validation of webhook subscription bodies (SPEC §4). */
final class WebhookRequests {

    /** Events a subscription may ask for; {@code *} means all of them. */
    static final Set<String> EVENTS = Set.of("call.ringing", "call.connected", "call.ended", "call.missed",
            "call.permission_updated", "call.play_finished", "calls", "*");
    static final int MAX_URL = 2048;
    static final int MAX_NAME = 100;

    /** A create request; {@code whatsappNumberId} still to be checked against the caller. */
    record Create(String url, String name, List<String> events, String whatsappNumberId) {
    }

    /**
     * A partial update; null fields stay.
     *
     * @param clearNumber true when {@code whatsappNumberId} was set to null (every number of the tenant)
     */
    record Update(String url, String name, List<String> events, Boolean active, String whatsappNumberId,
            boolean clearNumber) {
    }

    static final int MAX_LOG_LIMIT = 50;

    /** Delivery-log query: all optional; validated here so a bad one never reaches the fan-out service. */
    record LogQuery(String limit, String event, String before) {
    }

    /** Replay body, ISO-8601 instants kept as given (the fan-out service checks the range against its clock). */
    record Replay(String since, String until, String event) {
    }

    private WebhookRequests() {
    }

    static LogQuery logQuery(String limit, String event, String before) {
        if (limit != null) {
            int value;
            try {
                value = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                value = 0;
            }
            if (value < 1 || value > MAX_LOG_LIMIT) {
                throw ApiException.invalid("limit", "must be an integer from 1 to " + MAX_LOG_LIMIT);
            }
        }
        if (event != null) {
            singleEvent("event", event);
        }
        if (before != null && !before.matches("^[1-9][0-9]{0,18}$")) {
            throw ApiException.invalid("before", "must be the nextBefore of the previous page");
        }
        return new LogQuery(limit, event, before);
    }

    static Replay replay(JsonFields body) {
        body.onlyFields("since", "until", "event");
        String since = instant("since", body.requiredString("since"));
        String until = body.optionalString("until");
        String event = body.optionalString("event");
        return new Replay(since, until == null ? null : instant("until", until),
                event == null ? null : singleEvent("event", event));
    }

    private static String singleEvent(String field, String event) {
        if (!EVENTS.contains(event) || event.equals("*")) {
            throw ApiException.invalid(field, "unknown event '" + event + "'");
        }
        return event;
    }

    private static String instant(String field, String value) {
        try {
            return java.time.Instant.parse(value).toString();
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.invalid(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    static Create create(JsonFields body) {
        body.onlyFields("url", "name", "events", "whatsappNumberId");
        return new Create(url(body.requiredString("url")), body.optionalText("name", MAX_NAME),
                events(body.requiredStringList("events")), body.optionalText("whatsappNumberId", 100));
    }

    static Update update(JsonFields body) {
        body.onlyFields("url", "name", "events", "active", "whatsappNumberId");
        String url = body.optionalString("url");
        List<String> events = body.optionalStringList("events");
        return new Update(url == null ? null : url(url), body.optionalText("name", MAX_NAME),
                events == null ? null : events(events), body.optionalBoolean("active"),
                body.optionalText("whatsappNumberId", 100), body.isExplicitNull("whatsappNumberId"));
    }

    private static String url(String value) {
        if (value.length() > MAX_URL) {
            throw ApiException.invalid("url", "must be at most " + MAX_URL + " characters");
        }
        return Validation.httpUrl("url", value).toString();
    }

    private static List<String> events(List<String> events) {
        Set<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < events.size(); i++) {
            String event = events.get(i);
            if (!EVENTS.contains(event)) {
                throw ApiException.invalid("events[" + i + "]", "unknown event '" + event + "'; expected one of "
                        + String.join(", ", EVENTS.stream().sorted().toList()));
            }
            unique.add(event);
        }
        return List.copyOf(unique);
    }
}
