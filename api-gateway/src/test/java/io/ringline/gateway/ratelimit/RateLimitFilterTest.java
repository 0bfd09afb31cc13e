package io.ringline.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.auth.Caller;
import io.ringline.gateway.config.GatewayProperties;
import io.ringline.gateway.tenancy.ApiKeyScope;
import io.ringline.platform.web.ApiException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class RateLimitFilterTest {

    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger passed = new AtomicInteger();
    private final WebFilterChain chain = exchange -> Mono.fromRunnable(passed::incrementAndGet);
    private final RateLimitFilter filter =
            new RateLimitFilter(new GatewayProperties.RateLimit(true, 2, 0.5), clock::get);

    @Test
    void eachKeyHasItsOwnBucketAndTheThirdRequestWaitsTwoSeconds() {
        StepVerifier.create(filter.filter(exchange("key_a"), chain)).verifyComplete();
        StepVerifier.create(filter.filter(exchange("key_a"), chain)).verifyComplete();
        MockServerWebExchange third = exchange("key_a");
        StepVerifier.create(filter.filter(third, chain))
                .expectErrorSatisfies(e -> {
                    ApiException api = (ApiException) e;
                    assertThat(api.status().value()).isEqualTo(429);
                    assertThat(api.code()).isEqualTo("RATE_LIMITED");
                    assertThat(api.headers()).containsEntry("Retry-After", "2");
                })
                .verify();
        StepVerifier.create(filter.filter(exchange("key_b"), chain)).verifyComplete();

        assertThat(passed).hasValue(3);
        assertThat(third.getResponse().getHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("0");

        clock.addAndGet(2_000_000_000L);
        StepVerifier.create(filter.filter(exchange("key_a"), chain)).verifyComplete();
        assertThat(passed).hasValue(4);
    }

    @Test
    void unauthenticatedRoutesAreNotCounted() {
        for (int i = 0; i < 5; i++) {
            StepVerifier.create(filter.filter(MockServerWebExchange.from(MockServerHttpRequest.get("/actuator/health")),
                    chain)).verifyComplete();
        }
        assertThat(passed).hasValue(5);
    }

    private static MockServerWebExchange exchange(String keyId) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/v1/calls"));
        exchange.getAttributes().put(Caller.ATTRIBUTE, new Caller(keyId, "ten_1", ApiKeyScope.NUMBER, "num_1"));
        return exchange;
    }
}
