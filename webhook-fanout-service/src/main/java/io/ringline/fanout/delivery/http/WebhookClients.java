package io.ringline.fanout.delivery.http;

import io.netty.channel.ChannelOption;
import io.ringline.platform.net.GuardedAddressResolverGroup;
import java.time.Duration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** The outbound client for webhooks: connect and response timeouts, no redirects, and the network guard. */
public final class WebhookClients {

    private WebhookClients() {
    }

    /**
     * @param guard checks every destination address at connect time; null only with the development
     *              switch that allows private networks
     */
    public static WebClient create(ConnectionProvider connections, Duration timeout, GuardedAddressResolverGroup guard) {
        HttpClient http = HttpClient.create(connections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .responseTimeout(timeout)
                .followRedirect(false) // a redirect could point anywhere, including inside our network
                .compress(false);
        if (guard != null) {
            http = http.resolver(guard);
        }
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }
}
