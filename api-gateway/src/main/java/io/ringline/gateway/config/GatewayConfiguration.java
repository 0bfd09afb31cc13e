package io.ringline.gateway.config;

import io.ringline.platform.config.RequiredSecrets;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Infrastructure beans of the gateway that are not auto-configured. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    /** The operator API's token, checked before any bean exists (the platform checks its own secrets). */
    @Bean
    static RequiredSecrets gatewaySecrets() {
        return new RequiredSecrets(GatewayProperties.OPERATOR_TOKEN);
    }

    /** Injected wherever time is read, so tests could pin it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
