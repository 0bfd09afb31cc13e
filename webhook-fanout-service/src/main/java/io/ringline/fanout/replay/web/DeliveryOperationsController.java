package io.ringline.fanout.replay.web;

import io.ringline.fanout.replay.DeliveryOperations.Requeue;
import io.ringline.fanout.replay.DeliveryOperations;
import io.ringline.fanout.replay.ReplayWindow;
import io.ringline.fanout.subscription.EventName;
import io.ringline.fanout.subscription.application.SubscriptionService;
import io.ringline.platform.internalapi.ReplayRequest;
import io.ringline.platform.web.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Internal routes behind the public delivery log, secret rotation, replay and manual retry
 * (README "Internal API"). The gateway has authorised the tenant (and passes {@code ?numberId=} for
 * number keys), so path ids are trusted; other tenants' or numbers' ids answer 404.
 */
@RestController
@RequestMapping("/internal/tenants/{tenantId}/webhooks")
class DeliveryOperationsController {

    static final int MAX_LIMIT = 50;
    static final int DEFAULT_LIMIT = 20;

    private final DeliveryOperations operations;
    private final SubscriptionService subscriptions;

    DeliveryOperationsController(DeliveryOperations operations, SubscriptionService subscriptions) {
        this.operations = operations;
        this.subscriptions = subscriptions;
    }

    @GetMapping("/{id}/logs")
    Mono<AttemptLogResponse> logs(@PathVariable String tenantId, @PathVariable String id,
            @RequestParam(required = false) String numberId, @RequestParam(required = false) String limit,
            @RequestParam(required = false) String event, @RequestParam(required = false) String before) {
        return Mono.defer(() -> {
            int size = limit(limit);
            EventName filter = event == null || event.isEmpty() ? null : eventName("event", event);
            Long cursor = before == null || before.isEmpty() ? null : cursor(before);
            return operations.logs(tenantId, id, numberId, filter, cursor, size)
                    .switchIfEmpty(Mono.error(() -> webhookNotFound(id)))
                    .map(entries -> AttemptLogResponse.of(entries, size));
        });
    }

    @PostMapping("/{id}/secret/rotate")
    Mono<Map<String, Object>> rotate(@PathVariable String tenantId, @PathVariable String id,
            @RequestParam(required = false) String numberId) {
        return subscriptions.rotateSecret(tenantId, id, numberId)
                .switchIfEmpty(Mono.error(() -> webhookNotFound(id)))
                .map(secret -> Map.of("id", id, "secret", secret.value()));
    }

    @PostMapping("/{id}/replay")
    Mono<ResponseEntity<Map<String, Object>>> replay(@PathVariable String tenantId, @PathVariable String id,
            @RequestParam(required = false) String numberId, @RequestBody(required = false) ReplayRequest body) {
        return Mono.defer(() -> {
            if (body == null) {
                throw ApiException.invalid("body", "is required");
            }
            ReplayWindow window;
            try {
                window = operations.window(instant("since", body.since()), instant("until", body.until()));
            } catch (ReplayWindow.Invalid e) {
                throw ApiException.invalid(e.field(), e.getMessage());
            }
            EventName event = body.event() == null ? null : eventName("event", body.event());
            return operations.replay(tenantId, id, numberId, window, event)
                    .switchIfEmpty(Mono.error(() -> webhookNotFound(id)))
                    .map(outcome -> {
                        Map<String, Object> answer = new LinkedHashMap<>();
                        answer.put("queued", accepted(outcome));
                        answer.put("since", window.since());
                        answer.put("until", window.until());
                        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
                    });
        });
    }

    @PostMapping("/deliveries/{deliveryId}/retry")
    Mono<ResponseEntity<Map<String, Object>>> retry(@PathVariable String tenantId, @PathVariable String deliveryId,
            @RequestParam(required = false) String numberId) {
        return operations.retry(tenantId, deliveryId, numberId)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND, "DELIVERY_NOT_FOUND",
                        "Delivery " + deliveryId + " not found")))
                .map(outcome -> {
                    accepted(outcome);
                    return ResponseEntity.status(HttpStatus.ACCEPTED)
                            .body(Map.<String, Object>of("deliveryId", deliveryId, "status", "PENDING"));
                });
    }

    private static long accepted(Requeue outcome) {
        return switch (outcome) {
            case Requeue.Queued q -> q.deliveries();
            case Requeue.SubscriptionInactive x -> throw new ApiException(HttpStatus.CONFLICT, "WEBHOOK_INACTIVE",
                    "The webhook is not active; activate it first");
            case Requeue.InFlight x -> throw new ApiException(HttpStatus.CONFLICT, "DELIVERY_IN_PROGRESS",
                    "The delivery is being attempted right now");
            case Requeue.TooManyEvents x -> throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "REPLAY_TOO_LARGE",
                    "The window holds more than " + x.maxEvents() + " events; narrow since/until and replay it in parts",
                    Map.of("maxEvents", x.maxEvents()));
        };
    }

    private static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.invalid("limit", "must be an integer from 1 to " + MAX_LIMIT);
    }

    private static Long cursor(String value) {
        try {
            long cursor = Long.parseLong(value);
            if (cursor > 0) {
                return cursor;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.invalid("before", "must be a log entry id (nextBefore of the previous page)");
    }

    private static EventName eventName(String field, String value) {
        return EventName.fromWire(value)
                .orElseThrow(() -> ApiException.invalid(field, "unknown event '" + value + "'"));
    }

    private static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    private static ApiException webhookNotFound(String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "WEBHOOK_NOT_FOUND", "Webhook " + id + " not found");
    }
}
