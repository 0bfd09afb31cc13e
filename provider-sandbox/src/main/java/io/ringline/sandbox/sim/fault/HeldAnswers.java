package io.ringline.sandbox.sim.fault;

import java.time.Duration;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The {@code answerLatencyMs} fault: the request is handled at once (a call is created, webhooks go out) but its
 * answer is held — a provider that did the work and answers late. A client that stops waiting gets no answer; the
 * work stays done.
 */
public final class HeldAnswers {

    private HeldAnswers() {
    }

    /** {@code exchange} as is when {@code delay} is zero, else with its answer held for {@code delay}. */
    public static ServerWebExchange hold(ServerWebExchange exchange, Duration delay) {
        if (delay.isZero()) {
            return exchange;
        }
        var held = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                return Mono.delay(delay).then(super.writeWith(body));
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return Mono.delay(delay).then(super.writeAndFlushWith(body));
            }

            @Override
            public Mono<Void> setComplete() {
                return Mono.delay(delay).then(super.setComplete());
            }
        };
        return exchange.mutate().response(held).build();
    }
}
