package io.ringline.gateway.tenancy.web;

import io.ringline.gateway.tenancy.Caller;
import io.ringline.gateway.tenancy.application.TenancyService;
import io.ringline.gateway.web.JsonBodyReader;
import io.ringline.gateway.web.JsonFields;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Tenant admin: API keys. The secret is shown once, in the creation answer. */
@RestController
@RequestMapping("/v1/api-keys")
class ApiKeysController {

    record ApiKeyList(List<ApiKeyView> apiKeys) {
    }

    static final int MAX_NAME = 100;

    private final TenancyService tenancy;
    private final JsonBodyReader bodies;

    ApiKeysController(TenancyService tenancy, JsonBodyReader bodies) {
        this.tenancy = tenancy;
        this.bodies = bodies;
    }

    @PostMapping
    Mono<ResponseEntity<ApiKeyView>> create(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            ServerWebExchange exchange) {
        return bodies.readRequired(exchange.getRequest())
                .flatMap(body -> {
                    JsonFields fields = body.onlyFields("name", "numberId");
                    String name = fields.requiredText("name", MAX_NAME);
                    String numberId = fields.optionalText("numberId", 100);
                    return tenancy.issueKey(caller.tenantId(), name, numberId);
                })
                .map(issued -> ResponseEntity.status(HttpStatus.CREATED).body(ApiKeyView.created(issued)));
    }

    @GetMapping
    Mono<ApiKeyList> list(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return tenancy.listKeys(caller.tenantId()).map(ApiKeyView::listed).collectList().map(ApiKeyList::new);
    }

    @DeleteMapping("/{keyId}")
    Mono<ResponseEntity<Void>> revoke(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String keyId) {
        return tenancy.revokeKey(caller.tenantId(), keyId).thenReturn(ResponseEntity.noContent().build());
    }
}
