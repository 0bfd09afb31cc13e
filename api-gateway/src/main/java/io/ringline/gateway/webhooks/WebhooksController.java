package io.ringline.gateway.webhooks;

import io.ringline.gateway.tenancy.Caller;
import io.ringline.gateway.tenancy.application.TenancyService;
import io.ringline.gateway.web.JsonBodyReader;
import io.ringline.platform.internalapi.CreateWebhookRequest;
import io.ringline.platform.internalapi.ReplayRequest;
import io.ringline.platform.internalapi.UpdateWebhookRequest;
import io.ringline.platform.web.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public webhooks API, proxied to webhook-fanout-service after validation. Tenant keys see the tenant's
 * subscriptions; a number key sees and creates only its own number's. The delivery log, secret rotation,
 * replay and manual retry follow the same rules (the fan-out service answers 404 for what the key may not see).
 */
@RestController
@RequestMapping("/v1/webhooks")
class WebhooksController {

    private static final Pattern WEBHOOK_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    private final FanoutClient fanout;
    private final TenancyService tenancy;
    private final JsonBodyReader bodies;
    private final JsonMapper json;

    WebhooksController(FanoutClient fanout, TenancyService tenancy, JsonBodyReader bodies, JsonMapper json) {
        this.fanout = fanout;
        this.tenancy = tenancy;
        this.bodies = bodies;
        this.json = json;
    }

    @PostMapping
    Mono<ResponseEntity<byte[]>> create(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, ServerWebExchange exchange) {
        return bodies.readRequired(exchange.getRequest())
                .map(WebhookRequests::create)
                .flatMap(request -> numbersFor(caller, request.whatsappNumberId(), false).map(numberIds ->
                        json.writeValueAsBytes(new CreateWebhookRequest(request.url(), request.name(),
                                request.events(), numberIds, null))))
                .flatMap(body -> fanout.create(caller.tenantId(), body))
                .map(response -> response.relay(json));
    }

    @GetMapping
    Mono<ResponseEntity<byte[]>> list(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return fanout.list(caller.tenantId(), caller.numberId()).map(response -> response.relay(json));
    }

    @GetMapping("/{webhookId}")
    Mono<ResponseEntity<byte[]>> get(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @PathVariable String webhookId) {
        return one(caller, HttpMethod.GET, webhookId, null);
    }

    @PatchMapping("/{webhookId}")
    Mono<ResponseEntity<byte[]>> update(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @PathVariable String webhookId, ServerWebExchange exchange) {
        return bodies.readRequired(exchange.getRequest())
                .map(WebhookRequests::update)
                .flatMap(request -> {
                    if (request.whatsappNumberId() == null && !request.clearNumber()) {
                        return Mono.just(new UpdateWebhookRequest(request.name(), request.url(), request.events(),
                                request.active(), null));
                    }
                    return numbersFor(caller, request.whatsappNumberId(), request.clearNumber()).map(ids ->
                            new UpdateWebhookRequest(request.name(), request.url(), request.events(),
                                    request.active(), ids));
                })
                .flatMap(body -> one(caller, HttpMethod.PATCH, webhookId, json.writeValueAsBytes(body)));
    }

    @DeleteMapping("/{webhookId}")
    Mono<ResponseEntity<byte[]>> delete(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @PathVariable String webhookId) {
        return one(caller, HttpMethod.DELETE, webhookId, null);
    }

    @GetMapping("/{webhookId}/logs")
    Mono<ResponseEntity<byte[]>> logs(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String webhookId,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String event,
            @RequestParam(required = false) String before) {
        return Mono.fromCallable(() -> WebhookRequests.logQuery(limit, event, before))
                .flatMap(query -> {
                    Map<String, String> params = new LinkedHashMap<>();
                    params.put("limit", query.limit());
                    params.put("event", query.event());
                    params.put("before", query.before());
                    return operation(caller, HttpMethod.GET, webhookId, "/logs", params, null);
                });
    }

    @PostMapping("/{webhookId}/secret/rotate")
    Mono<ResponseEntity<byte[]>> rotateSecret(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @PathVariable String webhookId) {
        return operation(caller, HttpMethod.POST, webhookId, "/secret/rotate", Map.of(), null);
    }

    @PostMapping("/{webhookId}/replay")
    Mono<ResponseEntity<byte[]>> replay(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @PathVariable String webhookId, ServerWebExchange exchange) {
        return bodies.readRequired(exchange.getRequest())
                .map(WebhookRequests::replay)
                .flatMap(request -> operation(caller, HttpMethod.POST, webhookId, "/replay", Map.of(),
                        json.writeValueAsBytes(new ReplayRequest(request.since(), request.until(), request.event()))));
    }

    @PostMapping("/deliveries/{deliveryId}/retry")
    Mono<ResponseEntity<byte[]>> retry(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @PathVariable String deliveryId) {
        if (!WEBHOOK_ID.matcher(deliveryId).matches()) {
            return Mono.error(new ApiException(HttpStatus.NOT_FOUND, "DELIVERY_NOT_FOUND", "Delivery not found"));
        }
        return fanout.operation(HttpMethod.POST, caller.tenantId(), "deliveries/" + deliveryId + "/retry",
                        caller.numberId(), Map.of(), null)
                .map(response -> response.relay(json));
    }

    /** A route below one subscription; the fan-out service applies the number key's visibility ({@code numberId}). */
    private Mono<ResponseEntity<byte[]>> operation(Caller caller, HttpMethod method, String webhookId, String suffix,
            Map<String, String> query, byte[] body) {
        if (!WEBHOOK_ID.matcher(webhookId).matches()) {
            return Mono.error(new ApiException(HttpStatus.NOT_FOUND, "WEBHOOK_NOT_FOUND", "Webhook not found"));
        }
        return fanout.operation(method, caller.tenantId(), webhookId + suffix, caller.numberId(), query, body)
                .map(response -> response.relay(json));
    }

    private Mono<ResponseEntity<byte[]>> one(Caller caller, HttpMethod method, String webhookId, byte[] body) {
        if (!WEBHOOK_ID.matcher(webhookId).matches()) {
            return Mono.error(new ApiException(HttpStatus.NOT_FOUND, "WEBHOOK_NOT_FOUND", "Webhook not found"));
        }
        return fanout.one(method, caller.tenantId(), webhookId, caller.numberId(), body)
                .map(response -> response.relay(json));
    }

    /**
     * The numbers a subscription covers. Number key: its own number, whatever else was asked (asking for
     * another is answered like a missing number). Tenant key: the named number if it is the tenant's, or
     * none (= every number) when not named.
     */
    private Mono<List<String>> numbersFor(Caller caller, String requested, boolean clear) {
        if (caller.isNumberScoped()) {
            if ((requested != null && !requested.equals(caller.numberId())) || clear) {
                return Mono.error(requested != null ? numberNotFound()
                        : ApiException.invalid("whatsappNumberId", "a number-scoped key cannot widen a subscription"));
            }
            return Mono.just(List.of(caller.numberId()));
        }
        if (requested == null) {
            return Mono.just(List.of());
        }
        return tenancy.getNumber(caller.tenantId(), requested).map(number -> List.of(number.id()));
    }

    private static ApiException numberNotFound() {
        return new ApiException(HttpStatus.NOT_FOUND, "NUMBER_NOT_FOUND", "Number not found");
    }
}
