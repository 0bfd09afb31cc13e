package io.ringline.signaling.call.web;

import io.ringline.platform.web.ApiException;
import io.ringline.signaling.call.CallStatus;
import io.ringline.signaling.call.Direction;
import io.ringline.signaling.call.persistence.CallQueries;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The read side of calls for the gateway (docs/internal-apis.md). The gateway has authorised the
 * number already; a call of another number is answered exactly like a missing one.
 */
@RestController
@RequestMapping("/internal/numbers/{numberId}/calls")
class InternalCallController {

    private static final int DEFAULT_LIMIT = 25;
    private static final int MAX_LIMIT = 100;

    private final CallQueries queries;

    InternalCallController(CallQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/{callId}")
    Mono<Object> call(@PathVariable String numberId, @PathVariable String callId,
            @RequestParam(required = false) String includeSdp) {
        boolean withSdp = "1".equals(includeSdp) || "true".equalsIgnoreCase(includeSdp);
        return queries.find(numberId, callId)
                .<Object>map(call -> withSdp ? CallWithSdpJson.of(call) : CallJson.of(call))
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND, "CALL_NOT_FOUND", "Call not found")));
    }

    @GetMapping
    Mono<CallListJson> calls(@PathVariable String numberId, @RequestParam(required = false) String limit,
            @RequestParam(required = false) String before, @RequestParam(required = false) String status,
            @RequestParam(required = false) String direction) {
        return Mono.defer(() -> {
            var filter = new CallQueries.Filter(before(before), parse(CallStatus.class, "status", status),
                    parse(Direction.class, "direction", direction));
            return queries.page(numberId, filter, limit(limit))
                    .map(calls -> new CallListJson(calls.stream().map(CallJson::of).toList()));
        });
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.invalid("limit", "must be an integer from 1 to " + MAX_LIMIT);
    }

    private static Instant before(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("before", "must be an ISO-8601 timestamp with offset, e.g. 2025-01-31T12:00:00Z");
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
