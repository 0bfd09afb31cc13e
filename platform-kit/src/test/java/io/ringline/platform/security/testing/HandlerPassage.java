package io.ringline.platform.security.testing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;

/**
 * A test-only WebFilter after every other filter (so after Spring Security's chain and the filters behind it):
 * a request carrying {@value #PROBE} that gets here has passed the chain, and the route pattern a handler
 * mapping then chose is recorded before the response is committed. Probes are how route tests tell "reached a
 * handler" from "refused", instead of guessing from status codes. Inert for requests without the header.
 */
public final class HandlerPassage implements WebFilter, Ordered {

    public static final String PROBE = "x-ringline-probe";

    /** What happened to one probe: it passed every filter; {@code route} is the handler's pattern, if any matched. */
    public static final class Passage {
        private volatile String route;

        public Optional<String> route() {
            return Optional.ofNullable(route);
        }
    }

    /** Import on an integration-test base so the shared context includes it. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {
        @Bean
        HandlerPassage handlerPassage() {
            return new HandlerPassage();
        }
    }

    private final Map<String, Passage> passages = new ConcurrentHashMap<>();

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String probe = exchange.getRequest().getHeaders().getFirst(PROBE);
        if (probe != null) {
            Passage passage = new Passage();
            passages.put(probe, passage);
            exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> {
                Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
                if (pattern != null) {
                    passage.route = pattern instanceof PathPattern p ? p.getPatternString() : pattern.toString();
                }
            }));
        }
        return chain.filter(exchange);
    }

    /** The passage of a probe, or empty when the request never got past the filters. */
    public Optional<Passage> passage(String probe) {
        return Optional.ofNullable(passages.get(probe));
    }
}
