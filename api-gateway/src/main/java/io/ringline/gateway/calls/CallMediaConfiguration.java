package io.ringline.gateway.calls;

import io.ringline.gateway.config.UpstreamProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** The client of the media bridge's raw audio uploads, which {@code InternalApiClient} (JSON only) does not send. */
@Configuration(proxyBeanMethods = false)
class CallMediaConfiguration {

    @Bean
    WebClient mediaUploads(UpstreamProperties props, ConnectionProvider internalServiceConnections) {
        if (props.media() == null || props.media().url() == null) {
            throw new IllegalStateException("ringline.media.url must be set");
        }
        return WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(internalServiceConnections)))
                .baseUrl(props.media().url().toString())
                .defaultHeader("x-internal-token", props.internalToken() == null ? "" : props.internalToken())
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(CallMedia.MAX_UPLOAD_BYTES))
                .build();
    }
}
