package io.ringline.gateway.pairing;

import io.ringline.gateway.tenancy.Caller;
import java.net.URI;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code GET /v1/numbers/{numberId}/pairing} (tenant key): the number's pairing state and, while pairing, its QR. */
@RestController
class PairingController {

    private final PairingService pairing;

    PairingController(PairingService pairing) {
        this.pairing = pairing;
    }

    @GetMapping("/v1/numbers/{numberId}/pairing")
    Mono<PairingView> pairing(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String numberId,
            ServerWebExchange exchange) {
        URI uri = exchange.getRequest().getURI();
        URI base = URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
        return pairing.pairing(caller.tenantId(), numberId, base);
    }
}
