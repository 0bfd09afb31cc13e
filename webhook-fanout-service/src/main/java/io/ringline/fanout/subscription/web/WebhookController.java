package io.ringline.fanout.subscription.web;

import io.ringline.fanout.subscription.application.SubscriptionService;
import io.ringline.platform.internalapi.CreateWebhookRequest;
import io.ringline.platform.internalapi.UpdateWebhookRequest;
import io.ringline.platform.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Internal subscription API (docs/internal-apis.md). The gateway has authorised the tenant (and, for
 * number keys, passes {@code ?numberId=}), so path ids are trusted.
 */
@RestController
@RequestMapping("/internal/tenants/{tenantId}/webhooks")
class WebhookController {

    private final SubscriptionService subscriptions;
    private final WebhookRequestValidator validator;

    WebhookController(SubscriptionService subscriptions, WebhookRequestValidator validator) {
        this.subscriptions = subscriptions;
        this.validator = validator;
    }

    @PostMapping
    Mono<ResponseEntity<CreatedWebhookResponse>> create(@PathVariable String tenantId,
            @RequestBody CreateWebhookRequest body) {
        return Mono.fromCallable(() -> validator.create(body))
                .flatMap(spec -> subscriptions.create(tenantId, spec))
                .map(created -> ResponseEntity.status(HttpStatus.CREATED).body(CreatedWebhookResponse.of(created)));
    }

    @GetMapping
    Flux<WebhookResponse> list(@PathVariable String tenantId, @RequestParam(required = false) String numberId) {
        return subscriptions.list(tenantId, numberId).map(WebhookResponse::of);
    }

    @GetMapping("/{id}")
    Mono<WebhookResponse> get(@PathVariable String tenantId, @PathVariable String id,
            @RequestParam(required = false) String numberId) {
        return subscriptions.get(tenantId, id, numberId)
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .map(WebhookResponse::of);
    }

    @PatchMapping("/{id}")
    Mono<WebhookResponse> update(@PathVariable String tenantId, @PathVariable String id,
            @RequestParam(required = false) String numberId, @RequestBody UpdateWebhookRequest body) {
        return Mono.fromCallable(() -> validator.update(body, numberId))
                .flatMap(changes -> subscriptions.update(tenantId, id, numberId, changes))
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .map(WebhookResponse::of);
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable String tenantId, @PathVariable String id,
            @RequestParam(required = false) String numberId) {
        return subscriptions.delete(tenantId, id, numberId)
                .flatMap(deleted -> deleted
                        ? Mono.just(ResponseEntity.noContent().<Void>build())
                        : Mono.error(notFound(id)));
    }

    private static ApiException notFound(String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "WEBHOOK_NOT_FOUND", "Webhook " + id + " not found");
    }
}
