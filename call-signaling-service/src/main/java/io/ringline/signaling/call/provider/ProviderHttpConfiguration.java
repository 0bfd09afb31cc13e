package io.ringline.signaling.call.provider;

import io.ringline.signaling.SignalingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The HTTP client every provider adapter uses. Its connection pool is what bounds provider requests
 * in flight ({@code provider-max-concurrency}); further requests wait for a connection, within the
 * provider timeout.
 */
@Configuration(proxyBeanMethods = false)
public class ProviderHttpConfiguration {

    @Bean(destroyMethod = "dispose")
    ConnectionProvider providerConnections(SignalingProperties props) {
        return ConnectionProvider.builder("signaling-providers")
                .maxConnections(props.providerMaxConcurrency())
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(props.providerTimeout())
                .build();
    }

    @Bean
    WebClient providerWebClient(ConnectionProvider providerConnections) {
        return WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(providerConnections)))
                .build();
    }
}
