package io.ringline.gateway.config;

import io.ringline.platform.config.RequiredSecrets;
import io.ringline.platform.net.ClientPools;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.resources.ConnectionProvider;

/** Infrastructure beans of the gateway that are not auto-configured. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    /** The operator API's token, checked before any bean exists (the platform checks its own secrets). */
    @Bean
    static RequiredSecrets gatewaySecrets() {
        return new RequiredSecrets(GatewayProperties.OPERATOR_TOKEN);
    }

    /**
     * The connections to the internal services (signaling, media bridge, fan-out), given up when idle before those
     * servers close them ({@link ClientPools}); owned by this context, so closing it never disturbs another's.
     */
    @Bean(destroyMethod = "dispose")
    ConnectionProvider internalServiceConnections() {
        return ClientPools.builder("internal-services").pendingAcquireMaxCount(-1).build();
    }

    /** Injected wherever time is read, so tests could pin it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
