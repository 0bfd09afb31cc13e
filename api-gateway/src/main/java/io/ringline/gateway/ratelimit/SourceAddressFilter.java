package io.ringline.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.ringline.platform.web.ApiException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits per source address what costs the gateway work before anyone is authenticated: provider webhooks
 * ({@code /webhooks/**}), and every request that carries no credential for a credentialed route. A request that
 * fails authentication is charged to its source's anonymous budget afterwards, so a source cannot mix failed
 * credentials and anonymous requests to double its budget. Runs before any database work. Buckets live in
 * this instance (Bucket4j); N instances behind a balancer allow a source up to N times the rate.
 */
@Component
class SourceAddressFilter implements WebFilter, Ordered {

    /** Before authentication (which reads the database) and before Spring Security's chain (order -100). */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 50;
    /** First path segments of the routes that take credentials (the others never do). */
    private static final Set<String> CREDENTIALED_ROOTS = Set.of("v1", "api", "admin");
    private static final List<String> CREDENTIAL_HEADERS = List.of("x-api-key", "apikey", "x-operator-token");

    private enum Kind {
        WEBHOOK, ANONYMOUS, CREDENTIALED
    }

    private final SourceLimitProperties props;
    private final ClientAddresses addresses;
    private final TimeMeter time;
    private final RateLimitMetrics metrics;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .build();

    @Autowired
    SourceAddressFilter(SourceLimitProperties props, RateLimitMetrics metrics) {
        this(props, metrics, LocalBuckets.systemNanoTime());
    }

    SourceAddressFilter(SourceLimitProperties props, RateLimitMetrics metrics, TimeMeter time) {
        this.props = props;
        this.addresses = new ClientAddresses(props.trustedProxies(), props.exempt());
        this.metrics = metrics;
        this.time = time;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!props.enabled()) {
            return chain.filter(exchange);
        }
        InetAddress source = addresses.source(exchange.getRequest());
        if (source == null || addresses.isExempt(source)) {
            return chain.filter(exchange);
        }
        return switch (kind(exchange)) {
            case WEBHOOK -> take(Kind.WEBHOOK, props.webhooks(), source).then(chain.filter(exchange));
            case ANONYMOUS -> take(Kind.ANONYMOUS, props.anonymous(), source).then(chain.filter(exchange));
            case CREDENTIALED -> chain.filter(exchange)
                    .doOnSuccess(done -> {
                        if (HttpStatus.UNAUTHORIZED.equals(exchange.getResponse().getStatusCode())) {
                            chargeFailedAuthentication(source);
                        }
                    })
                    .doOnError(ApiException.class, e -> {
                        if (e.status() == HttpStatus.UNAUTHORIZED) {
                            chargeFailedAuthentication(source);
                        }
                    });
        };
    }

    private Mono<Void> take(Kind kind, SourceLimitProperties.Rate rate, InetAddress source) {
        ConsumptionProbe probe = bucket(kind, rate, source).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Mono.empty();
        }
        metrics.refused(RateLimitMetrics.Scope.SOURCE);
        return Mono.error(RateLimitFilter.tooMany("source", probe.getNanosToWaitForRefill()));
    }

    private void chargeFailedAuthentication(InetAddress source) {
        bucket(Kind.ANONYMOUS, props.anonymous(), source).tryConsume(1);
    }

    private Bucket bucket(Kind kind, SourceLimitProperties.Rate rate, InetAddress source) {
        return buckets.get(kind + " " + ClientAddresses.bucketOf(source), name -> LocalBuckets.of(rate.limit(), time));
    }

    /**
     * By the decoded first path segment (parameters removed), as routing sees it, so {@code /%77ebhooks} or
     * {@code /v1;x} cannot pick a more generous budget than the route they reach.
     */
    private static Kind kind(ServerWebExchange exchange) {
        String root = "";
        for (PathContainer.Element element : exchange.getRequest().getPath().pathWithinApplication().elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                root = segment.valueToMatch();
                break;
            }
        }
        if (root.equals("webhooks")) {
            return Kind.WEBHOOK;
        }
        HttpHeaders headers = exchange.getRequest().getHeaders();
        boolean credential = CREDENTIAL_HEADERS.stream().anyMatch(headers::containsHeader);
        return credential && CREDENTIALED_ROOTS.contains(root) ? Kind.CREDENTIALED : Kind.ANONYMOUS;
    }
}
