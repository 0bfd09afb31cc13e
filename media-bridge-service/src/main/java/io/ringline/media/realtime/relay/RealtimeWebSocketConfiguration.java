package io.ringline.media.realtime.relay;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

@Configuration(proxyBeanMethods = false)
class RealtimeWebSocketConfiguration {

    /** Ahead of the annotated controllers, so the WebSocket path is never taken for a REST route. */
    @Bean
    HandlerMapping realtimeWebSocketMapping(RealtimeSessions sessions) {
        return new SimpleUrlHandlerMapping(Map.of("/v1/realtime", sessions), Ordered.HIGHEST_PRECEDENCE);
    }
}
