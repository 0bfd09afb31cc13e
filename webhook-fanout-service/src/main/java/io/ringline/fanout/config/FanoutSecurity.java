package io.ringline.fanout.config;

import io.ringline.platform.security.RinglineSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The fan-out's security chain: subscriptions and delivery operations under {@code /internal/**}, for the gateway
 * only (internal token, the tenant id in the path is the gateway's word); health is public; everything else is
 * refused (docs/security.md).
 */
@Configuration(proxyBeanMethods = false)
class FanoutSecurity {

    @Bean
    SecurityWebFilterChain fanoutSecurityChain(ServerHttpSecurity http, RinglineSecurity security) {
        return security.rules(http)
                .requireInternalToken("/internal/**")
                .build();
    }
}
