package io.ringline.platform.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.observation.SecurityObservationSettings;
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

    /**
     * Spring Security's own observations off: with them, every filter of the chain is wrapped in an observation of
     * its own and every authentication and authorization records a timer — a twentieth of the gateway's CPU per
     * request in the calls profile (docs/performance.md "Hot path step: Spring Security's observations off"), for
     * {@code spring.security.*} meters no dashboard reads. {@code http.server.requests} still times every request,
     * and authentications are counted by the kit's own {@code ringline.security.authentications}.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Deny by default even for a service that declares no rules: only health (and actuator as always). */
    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain denyAllSecurityChain(ServerHttpSecurity http, RinglineSecurity security) {
        return security.rules(http).build();
    }
}
