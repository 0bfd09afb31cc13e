package io.ringline.gateway.operator;

import io.ringline.gateway.ratelimit.RateLimitChange;
import io.ringline.gateway.ratelimit.RateLimits;
import io.ringline.gateway.ratelimit.TenantRateLimits;
import io.ringline.gateway.tenancy.Tenant;
import io.ringline.gateway.tenancy.application.TenancyService;
import io.ringline.gateway.tenancy.persistence.TenantRepository;
import io.ringline.gateway.tenancy.web.ApiKeyView;
import io.ringline.gateway.web.JsonBodyReader;
import io.ringline.platform.web.ApiException;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The operator's surface: creating tenants (each with a first tenant-scoped key) and setting their rate limits. */
@RestController
class OperatorController {

    record TenantView(String id, String name, Instant createdAt) {
    }

    record CreatedTenant(TenantView tenant, ApiKeyView apiKey) {
    }

    /** A tenant as the operator sees it: with the rate limits in force (its own, or the defaults). */
    record TenantDetails(String id, String name, Instant createdAt, RateLimits rateLimits) {
    }

    private final TenancyService tenancy;
    private final TenantRepository tenants;
    private final TenantRateLimits rateLimits;
    private final JsonBodyReader bodies;

    OperatorController(TenancyService tenancy, TenantRepository tenants, TenantRateLimits rateLimits,
            JsonBodyReader bodies) {
        this.tenancy = tenancy;
        this.tenants = tenants;
        this.rateLimits = rateLimits;
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

    @GetMapping("/admin/tenants/{tenantId}")
    Mono<TenantDetails> getTenant(@PathVariable String tenantId) {
        return tenant(tenantId).flatMap(tenant -> rateLimits.current(tenant.id()).map(limits -> details(tenant, limits)));
    }

    /**
     * {@code {"rateLimits": {tenantPerSecond?, tenantBurst?, keyPerSecond?, keyBurst?}}}: a field left out stays,
     * {@code null} returns it to the default. Every gateway instance applies it within the configured refresh.
     */
    @PatchMapping("/admin/tenants/{tenantId}")
    Mono<TenantDetails> updateTenant(@PathVariable String tenantId, ServerWebExchange exchange) {
        return bodies.readRequired(exchange.getRequest())
                .map(body -> RateLimitChange.parse(body.onlyFields("rateLimits").requiredObject("rateLimits")))
                .flatMap(change -> tenant(tenantId).flatMap(tenant -> rateLimits.change(tenant.id(), change)
                        .map(limits -> details(tenant, limits))));
    }

    private Mono<Tenant> tenant(String tenantId) {
        ApiException notFound = new ApiException(HttpStatus.NOT_FOUND, "TENANT_NOT_FOUND", "No such tenant");
        if (!TenancyService.isId(tenantId)) {
            return Mono.error(notFound);
        }
        return tenants.find(tenantId).switchIfEmpty(Mono.error(notFound));
    }

    private static TenantDetails details(Tenant tenant, RateLimits limits) {
        return new TenantDetails(tenant.id(), tenant.name(), tenant.createdAt(), limits);
    }
}
