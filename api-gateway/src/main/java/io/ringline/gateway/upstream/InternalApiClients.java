package io.ringline.gateway.upstream;

import io.ringline.gateway.config.UpstreamProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One {@link InternalApiClient} per internal service the gateway calls, injected by name (docs/internal-apis.md). */
@Configuration(proxyBeanMethods = false)
class InternalApiClients {

    @Bean
    InternalApiClient signalingApi(UpstreamProperties props) {
        return new InternalApiClient("call-signaling-service", props.signaling(), props.internalToken());
    }

    @Bean
    InternalApiClient fanoutApi(UpstreamProperties props) {
        return new InternalApiClient("webhook-fanout-service", props.fanout(), props.internalToken());
    }

    @Bean
    InternalApiClient mediaApi(UpstreamProperties props) {
        return new InternalApiClient("media-bridge-service", props.media(), props.internalToken());
    }
}
