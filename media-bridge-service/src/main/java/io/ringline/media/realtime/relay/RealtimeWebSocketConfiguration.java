package io.ringline.media.realtime.relay;

import io.ringline.media.realtime.Dialect;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;

/** The public realtime WebSockets: their routes, and a cap on the size of every message a client sends. */
@Configuration(proxyBeanMethods = false)
class RealtimeWebSocketConfiguration implements WebFluxConfigurer {

    private final RealtimeLimits limits;

    RealtimeWebSocketConfiguration(RealtimeLimits limits) {
        this.limits = limits;
    }

    /**
     * Ahead of the annotated controllers, so a WebSocket path is never taken for a REST route: Ringline's protocol
     * 2 and Evolution GO's own realtime path (GO-layer sessions, so GO clients work unchanged).
     */
    @Bean
    HandlerMapping realtimeWebSocketMapping(RealtimeSessions sessions) {
        return new SimpleUrlHandlerMapping(Map.of(
                Dialect.RINGLINE.path(), sessions.handler(Dialect.RINGLINE),
                Dialect.EVOLUTION_GO.path(), sessions.handler(Dialect.EVOLUTION_GO)), Ordered.HIGHEST_PRECEDENCE);
    }

    /** Netty refuses a bigger frame (or message, once aggregated) with close 1009 before it is buffered. */
    @Override
    public WebSocketService getWebSocketService() {
        return new Rfc6455VersionCheck(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(limits.maxFrameBytes())));
    }
}
