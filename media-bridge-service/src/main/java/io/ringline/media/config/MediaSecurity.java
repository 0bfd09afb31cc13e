package io.ringline.media.config;

import static org.springframework.http.HttpMethod.GET;

import io.ringline.platform.security.ListenerPorts;
import io.ringline.platform.security.RinglineSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The media bridge's security chain (docs/security.md). On the public listener ({@code ringline.media.public-port})
 * only the realtime WebSocket exists. On the service port: the WebSocket (its single-use session token is checked by
 * the handler before any audio flows), {@code /internal/**} for the gateway (internal token), health; nothing else.
 */
@Configuration(proxyBeanMethods = false)
class MediaSecurity {

    static final String REALTIME = "/v1/realtime";

    @Bean
    SecurityWebFilterChain mediaSecurityChain(ServerHttpSecurity http, RinglineSecurity security) {
        return security.rules(http)
                .onlyOn(ListenerPorts.PUBLIC, publicListener -> publicListener.permit(GET, REALTIME))
                .permit(GET, REALTIME)
                .requireInternalToken("/internal/**")
                .build();
    }
}
