package io.ringline.gateway.operator;

import io.ringline.gateway.tenancy.TenancyService;
import io.ringline.gateway.tenancy.web.ApiKeyView;
import io.ringline.gateway.web.JsonBodyReader;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The operator's surface: creating tenants (each with a first tenant-scoped key). */
@RestController
class OperatorController {

    record TenantView(String id, String name, Instant createdAt) {
    }

    record CreatedTenant(TenantView tenant, ApiKeyView apiKey) {
    }

    private final TenancyService tenancy;
    private final JsonBodyReader bodies;

    OperatorController(TenancyService tenancy, JsonBodyReader bodies) {
        this.tenancy = tenancy;
        this.bodies = bodies;
    }

    @PostMapping("/admin/tenants")
    Mono<ResponseEntity<CreatedTenant>> createTenant(ServerWebExchange exchange) {
        return bodies.readRequired(exchange.getRequest())
                .map(body -> body.onlyFields("name").requiredText("name", 200))
                .flatMap(tenancy::createTenant)
                .map(created -> ResponseEntity.status(HttpStatus.CREATED).body(new CreatedTenant(
                        new TenantView(created.tenant().id(), created.tenant().name(), created.tenant().createdAt()),
                        ApiKeyView.created(created.apiKey()))));
    }
}
