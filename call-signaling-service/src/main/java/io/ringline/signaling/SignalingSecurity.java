package io.ringline.signaling;

import io.ringline.platform.security.RinglineSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The signaling service's security chain: its HTTP surface is {@code /internal/**}, for the gateway only (internal
 * token); health is public; everything else is refused (docs/security.md).
 */
@Configuration(proxyBeanMethods = false)
class SignalingSecurity {

    @Bean
    SecurityWebFilterChain signalingSecurityChain(ServerHttpSecurity http, RinglineSecurity security) {
        return security.rules(http)
                .requireInternalToken("/internal/**")
                .build();
    }
}
