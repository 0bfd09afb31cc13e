package io.ringline.gateway.tenancy.web;

import io.ringline.gateway.tenancy.Caller;
import io.ringline.gateway.tenancy.application.TenancyService;
import io.ringline.gateway.web.JsonBodyReader;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Tenant admin: the tenant's WhatsApp numbers (tenant-scoped keys only, enforced by the auth filter). */
@RestController
@RequestMapping("/v1/numbers")
class NumbersController {

    record NumberList(List<NumberView> numbers) {
    }

    private final TenancyService tenancy;
    private final JsonBodyReader bodies;
    private final ProviderUrls urls;

    NumbersController(TenancyService tenancy, JsonBodyReader bodies, ProviderUrls urls) {
        this.tenancy = tenancy;
        this.bodies = bodies;
        this.urls = urls;
    }

    @PostMapping
    Mono<ResponseEntity<NumberView>> create(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            ServerWebExchange exchange) {
        return bodies.readRequired(exchange.getRequest())
                .map(body -> NumberRequests.registration(body, urls))
                .flatMap(registration -> tenancy.registerNumber(caller.tenantId(), registration))
                .map(n -> ResponseEntity.status(HttpStatus.CREATED).body(NumberView.of(n)));
    }

    @GetMapping
    Mono<NumberList> list(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return tenancy.listNumbers(caller.tenantId()).map(NumberView::of).collectList().map(NumberList::new);
    }

    @GetMapping("/{numberId}")
    Mono<NumberView> get(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String numberId) {
        return tenancy.getNumber(caller.tenantId(), numberId).map(NumberView::of);
    }

    @PatchMapping("/{numberId}")
    Mono<NumberView> update(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String numberId,
            ServerWebExchange exchange) {
        return tenancy.getNumber(caller.tenantId(), numberId)
                .flatMap(current -> bodies.readRequired(exchange.getRequest())
                        .map(body -> NumberRequests.change(body, current, urls)))
                .flatMap(change -> tenancy.updateNumber(caller.tenantId(), numberId, change))
                .map(NumberView::of);
    }

    @DeleteMapping("/{numberId}")
    Mono<ResponseEntity<Void>> delete(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @PathVariable String numberId) {
        return tenancy.deleteNumber(caller.tenantId(), numberId).thenReturn(ResponseEntity.noContent().build());
    }
}
