package io.ringline.gateway.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Infrastructure beans of the gateway that are not auto-configured. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    /** Injected wherever time is read, so tests could pin it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
