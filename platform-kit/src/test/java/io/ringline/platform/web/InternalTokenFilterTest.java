package io.ringline.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class InternalTokenFilterTest {

    private final InternalTokenFilter filter = new InternalTokenFilter("s3cret");

    private static boolean passes(InternalTokenFilter filter, MockServerHttpRequest request) {
        AtomicBoolean reached = new AtomicBoolean();
        WebFilterChain chain = exchange -> Mono.fromRunnable(() -> reached.set(true));
        StepVerifier.create(filter.filter(MockServerWebExchange.from(request), chain))
                .expectErrorSatisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(HttpStatus.UNAUTHORIZED))
                .verify();
        return reached.get();
    }

    @Test
    void internalRoutesNeedTheToken() {
        assertThat(passes(filter, MockServerHttpRequest.get("/internal/numbers/n/calls").build())).isFalse();
        assertThat(passes(filter, MockServerHttpRequest.get("/internal/x").header(InternalTokenFilter.HEADER, "wrong").build()))
                .isFalse();
    }

    @Test
    void theRightTokenAndOtherRoutesPass() {
        AtomicBoolean reached = new AtomicBoolean();
        WebFilterChain chain = exchange -> Mono.fromRunnable(() -> reached.set(true));
        filter.filter(MockServerWebExchange.from(MockServerHttpRequest.get("/internal/x")
                .header(InternalTokenFilter.HEADER, "s3cret").build()), chain).block();
        assertThat(reached).isTrue();

        reached.set(false);
        filter.filter(MockServerWebExchange.from(MockServerHttpRequest.get("/internalish").build()), chain).block();
        assertThat(reached).as("only /internal and below are guarded").isTrue();
    }

    @Test
    void refusesToStartWithoutAToken() {
        assertThatThrownBy(() -> new InternalTokenFilter(" ")).hasMessageContaining("RINGLINE_INTERNAL_TOKEN");
        assertThat(filter.toString()).doesNotContain("s3cret");
    }
}
