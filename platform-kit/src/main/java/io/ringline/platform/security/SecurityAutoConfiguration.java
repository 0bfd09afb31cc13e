package io.ringline.platform.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import tools.jackson.databind.json.JsonMapper;

/**
 * Security every Ringline service shares: the canonical-path firewall and its JSON refusals, the throttle, the
 * internal token, and a deny-all chain for a service that declares none of its own.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties({ThrottleProperties.class, InternalTokenProperties.class})
public class SecurityAutoConfiguration {

    @Bean
    SecurityErrors securityErrors(JsonMapper json) {
        return new SecurityErrors(json);
    }

    /** Picked up by Spring Security's {@code WebFilterChainProxy} (it takes a unique firewall bean). */
    @Bean
    @ConditionalOnMissingBean
    ServerWebExchangeFirewall canonicalPathFirewall() {
        return new CanonicalPathFirewall();
    }

    @Bean
    @ConditionalOnMissingBean
    ServerExchangeRejectedHandler firewallRejections(SecurityErrors errors) {
        return new FirewallRejections(errors);
    }

    @Bean
    ListenerPorts listenerPorts() {
        return new ListenerPorts();
    }

    @Bean
    AuthenticationThrottle authenticationThrottle(ThrottleProperties props) {
        return new AuthenticationThrottle(props);
    }

    @Bean
    RinglineSecurity ringlineSecurity(SecurityErrors errors, AuthenticationThrottle throttle, ListenerPorts listeners,
            MeterRegistry meters, InternalTokenProperties internal, Environment environment) {
        return new RinglineSecurity(errors, throttle, listeners, meters, internal, environment);
    }

    /** Deny by default even for a service that declares no rules: only health (and actuator as always). */
    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain denyAllSecurityChain(ServerHttpSecurity http, RinglineSecurity security) {
        return security.rules(http).build();
    }
}
