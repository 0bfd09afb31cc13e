package io.ringline.gateway.upstream;

import io.ringline.gateway.config.UpstreamProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.resources.ConnectionProvider;

/**
 * One {@link InternalApiClient} per internal service the gateway calls, injected by name (docs/internal-apis.md), all on
 * the gateway's pool of internal-service connections ({@code GatewayConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class InternalApiClients {

    @Bean
    InternalApiClient signalingApi(UpstreamProperties props, ConnectionProvider internalServiceConnections) {
        return new InternalApiClient("call-signaling-service", props.signaling(), props.internalToken(),
                internalServiceConnections);
    }

    @Bean
    InternalApiClient fanoutApi(UpstreamProperties props, ConnectionProvider internalServiceConnections) {
        return new InternalApiClient("webhook-fanout-service", props.fanout(), props.internalToken(),
                internalServiceConnections);
    }

    @Bean
    InternalApiClient mediaApi(UpstreamProperties props, ConnectionProvider internalServiceConnections) {
        return new InternalApiClient("media-bridge-service", props.media(), props.internalToken(),
                internalServiceConnections);
    }
}
