package io.ringline.gateway.layer.evogo;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.gateway.tenancy.ApiKeyScope;
import io.ringline.gateway.tenancy.Caller;
import io.ringline.gateway.tenancy.persistence.NumberRepository.EvoGoRoute;
import io.ringline.gateway.tenancy.persistence.NumberRepository;
import io.ringline.platform.crypto.Hashing;
import io.ringline.platform.security.CachedLookup;
import io.ringline.platform.security.CredentialRefusals;
import io.ringline.platform.security.SecretLookup;
import io.ringline.platform.security.SecurityErrors;
import io.ringline.platform.security.ThrottleProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The Evolution GO compatibility layer's credential (SPEC §6.4), as GO itself takes it: header {@code apikey} = the
 * number's GO instance token, found by its SHA-256 (the secret is never compared byte by byte against stored values)
 * and confirmed in constant time. The number becomes a number-scoped {@link Caller}, so the layer shares rate
 * limiting and {@code Idempotency-Key} with {@code /v1/calls}. Refusals use GO's error shape {@code {error}}.
 * Unknown tokens are remembered briefly; known ones are not (a number's token may change or the number go away).
 */
@Component
public class GoInstanceTokens implements SecretLookup<Caller> {

    public static final String HEADER = "apikey";
    private static final Logger log = LoggerFactory.getLogger(GoInstanceTokens.class);

    /** GO's error body. */
    record GoError(String error) {
    }

    private final CachedLookup<Caller> byHash;

    GoInstanceTokens(NumberRepository numbers, ThrottleProperties throttle, MeterRegistry meters) {
        this.byHash = new CachedLookup<>("go-instance-token", Duration.ZERO, throttle.missTtl(), 50_000,
                hash -> numbers.findLiveEvoGoByInstanceTokenHash(hash).collectList()
                        .flatMap(routes -> Mono.justOrEmpty(caller(routes, hash))), meters);
    }

    @Override
    public Mono<Caller> resolve(String secret) {
        return byHash.resolve(Hashing.sha256Hex(secret));
    }

    private static Caller caller(List<EvoGoRoute> routes, String hash) {
        if (routes.size() > 1) {
            // Two live numbers share a token: acting for either could act for the wrong tenant.
            log.warn("{} Evolution GO numbers share one instance token; refusing the layer request", routes.size());
            return null;
        }
        if (routes.isEmpty() || !Hashing.constantTimeEquals(routes.getFirst().instanceTokenHash(), hash)) {
            return null;
        }
        var number = routes.getFirst().number();
        return new Caller("evogo-layer:" + number.id(), number.tenantId(), ApiKeyScope.NUMBER, number.id());
    }

    /** {@code 401 {"error":"missing apikey header"}}, {@code 401 {"error":"invalid apikey"}}, 429 with Retry-After. */
    public CredentialRefusals refusals(SecurityErrors errors) {
        return new CredentialRefusals() {
            @Override
            public Mono<Void> missing(ServerWebExchange exchange) {
                return errors.writeBody(exchange, HttpStatus.UNAUTHORIZED, new GoError("missing apikey header"), Map.of());
            }

            @Override
            public Mono<Void> invalid(ServerWebExchange exchange) {
                return errors.writeBody(exchange, HttpStatus.UNAUTHORIZED, new GoError("invalid apikey"), Map.of());
            }

            @Override
            public Mono<Void> throttled(ServerWebExchange exchange, Duration retryAfter) {
                long seconds = SecurityErrors.retryAfterSeconds(retryAfter);
                return errors.writeBody(exchange, HttpStatus.TOO_MANY_REQUESTS,
                        new GoError("too many failed authentications; retry after " + seconds + " s"),
                        Map.of("Retry-After", String.valueOf(seconds)));
            }
        };
    }
}
