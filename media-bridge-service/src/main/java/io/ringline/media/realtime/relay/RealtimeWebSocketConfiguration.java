package io.ringline.media.realtime.relay;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;

/** The public realtime WebSocket: its route, and a cap on the size of every message a client sends. */
@Configuration(proxyBeanMethods = false)
class RealtimeWebSocketConfiguration implements WebFluxConfigurer {

    private final RealtimeLimits limits;

    RealtimeWebSocketConfiguration(RealtimeLimits limits) {
        this.limits = limits;
    }

    /** Ahead of the annotated controllers, so the WebSocket path is never taken for a REST route. */
    @Bean
    HandlerMapping realtimeWebSocketMapping(RealtimeSessions sessions) {
        return new SimpleUrlHandlerMapping(Map.of("/v1/realtime", sessions), Ordered.HIGHEST_PRECEDENCE);
    }

    /** Netty refuses a bigger frame (or message, once aggregated) with close 1009 before it is buffered. */
    @Override
    public WebSocketService getWebSocketService() {
        return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(limits.maxFrameBytes())));
    }
}
