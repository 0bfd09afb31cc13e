package io.ringline.gateway.calls.web;

import io.ringline.gateway.calls.signaling.CallListQuery;
import io.ringline.gateway.web.Validation;
import io.ringline.platform.web.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.util.MultiValueMap;

/** Validates the query strings of the calls read endpoints before anything is asked of the signaling service. */
final class CallQueryParams {

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;
    static final Set<String> STATUSES =
            Set.of("INITIATED", "RINGING", "ACCEPTED", "COMPLETED", "REJECTED", "FAILED", "MISSED");
    static final Set<String> DIRECTIONS = Set.of("INBOUND", "OUTBOUND");

    private CallQueryParams() {
    }

    static CallListQuery list(MultiValueMap<String, String> params) {
        String limitText = single(params, "limit");
        int limit = DEFAULT_LIMIT;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                throw ApiException.invalid("limit", "must be an integer from 1 to " + MAX_LIMIT);
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ApiException.invalid("limit", "must be an integer from 1 to " + MAX_LIMIT);
            }
        }
        String beforeText = single(params, "before");
        Instant before = beforeText == null ? null : instant(beforeText);
        String status = oneOf(params, "status", STATUSES);
        String direction = oneOf(params, "direction", DIRECTIONS);
        return new CallListQuery(limit, before, status, direction);
    }

    static boolean includeSdp(MultiValueMap<String, String> params) {
        String value = single(params, "includeSdp");
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw ApiException.invalid("includeSdp", "must be 1 or 0");
        };
    }

    /**
     * {@code ?to=} of the permissions read: E.164. An unencoded '+' reaches us as a space (form decoding), and
     * Meta's own wa_id is the bare digits, so both are read as the '+' number they mean.
     */
    static String permissionTo(MultiValueMap<String, String> params) {
        String value = single(params, "to");
        if (value == null) {
            throw ApiException.invalid("to", "is required");
        }
        String stripped = value.strip();
        if (!stripped.startsWith("+") && stripped.chars().allMatch(Character::isDigit)) {
            stripped = "+" + stripped;
        }
        return Validation.e164("to", stripped);
    }

    private static Instant instant(String text) {
        Instant before;
        try {
            before = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("before", "must be an ISO-8601 timestamp like 2025-01-31T12:00:00Z");
        }
        // Java reads years up to ±999,999,999; PostgreSQL's timestamptz does not, and a value it refuses came back
        // as a 500 (found by the abuse campaign). Years 1–9999 cover every call there can be.
        if (before.isBefore(EARLIEST) || before.isAfter(LATEST)) {
            throw ApiException.invalid("before", "must be a timestamp between the years 1 and 9999");
        }
        return before;
    }

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static String oneOf(MultiValueMap<String, String> params, String name, Set<String> allowed) {
        String value = single(params, name);
        if (value == null) {
            return null;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            throw ApiException.invalid(name, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return upper;
    }

    private static String single(MultiValueMap<String, String> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.invalid(name, "must be given once");
        }
        String value = values.getFirst();
        return value == null || value.isEmpty() ? null : value;
    }
}
