package io.ringline.sandbox.delivery;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The HTTP client that delivers simulated provider webhooks. It owns its connection pool so that, in the dev
 * stack where several Spring contexts share one JVM, closing the sandbox never disturbs another service's pool.
 */
@Configuration(proxyBeanMethods = false)
class WebhookClientConfig {

    @Bean(destroyMethod = "dispose")
    ConnectionProvider webhookConnections() {
        // Idle connections are given up after 4 s, before the gateway (header timeout 10 s) closes them: a webhook
        // sent on a connection the server is closing would be reset unread (platform-kit's ClientPools says more).
        return ConnectionProvider.builder("sandbox-webhooks")
                .maxIdleTime(Duration.ofSeconds(4))
                .evictInBackground(Duration.ofSeconds(4))
                .maxConnections(500)
                .pendingAcquireMaxCount(-1)
                .build();
    }

    @Bean
    WebClient webhookClient(ConnectionProvider webhookConnections, WebhookProperties properties) {
        HttpClient http = HttpClient.create(webhookConnections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.timeout().toMillis())
                .responseTimeout(properties.timeout())
                .followRedirect(false);
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }
}
