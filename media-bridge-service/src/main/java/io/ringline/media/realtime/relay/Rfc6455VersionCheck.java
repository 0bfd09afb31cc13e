package io.ringline.media.realtime.relay;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The handshake service, refusing a {@code Sec-WebSocket-Version} other than 13 itself, as RFC 6455 §4.4 says:
 * {@code 426} with {@code Sec-WebSocket-Version: 13}. Reactor Netty answers the same on the wire but then fails
 * with a NullPointerException after the answer is committed, and Spring logs that error with the request URI — and
 * so the realtime token in its query (found by the abuse campaign).
 */
final class Rfc6455VersionCheck extends HandshakeWebSocketService {

    private static final String VERSION = "Sec-WebSocket-Version";
    private static final String SUPPORTED = "13";

    Rfc6455VersionCheck(RequestUpgradeStrategy upgradeStrategy) {
        super(upgradeStrategy);
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        if (headers.getFirst(HttpHeaders.UPGRADE) != null && !SUPPORTED.equals(headers.getFirst(VERSION))) {
            exchange.getResponse().setStatusCode(HttpStatus.UPGRADE_REQUIRED);
            exchange.getResponse().getHeaders().set(VERSION, SUPPORTED);
            return exchange.getResponse().setComplete();
        }
        return super.handleRequest(exchange, handler);
    }
}
