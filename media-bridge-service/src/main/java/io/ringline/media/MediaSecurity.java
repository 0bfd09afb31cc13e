package io.ringline.media;

import static org.springframework.http.HttpMethod.GET;

import io.ringline.media.realtime.Dialect;
import io.ringline.platform.security.ListenerPorts;
import io.ringline.platform.security.RinglineSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The media bridge's security chain (docs/security.md). On the public listener ({@code ringline.media.public-port})
 * only the realtime WebSockets exist: Ringline's {@code /v1/realtime} and Evolution GO's own path (sessions opened
 * through the GO layer). On the service port: those WebSockets (their single-use session token is checked by the
 * handler before any audio flows), {@code /internal/**} for the gateway (internal token), health; nothing else.
 */
@Configuration(proxyBeanMethods = false)
class MediaSecurity {

    static final String REALTIME = Dialect.RINGLINE.path();
    static final String GO_REALTIME = Dialect.EVOLUTION_GO.path();

    @Bean
    SecurityWebFilterChain mediaSecurityChain(ServerHttpSecurity http, RinglineSecurity security) {
        return security.rules(http)
                .onlyOn(ListenerPorts.PUBLIC, publicListener -> publicListener.permit(GET, REALTIME, GO_REALTIME))
                .permit(GET, REALTIME, GO_REALTIME)
                .requireInternalToken("/internal/**")
                .build();
    }
}
