package io.ringline.signaling.call.provider;

import io.ringline.platform.net.ClientPools;
import io.ringline.platform.net.GuardedAddressResolverGroup;
import io.ringline.signaling.SignalingProperties;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The HTTP client every provider adapter uses. A number's base URL is the tenant's to choose, so every
 * connection goes through platform-kit's address guard (each resolved address must be public, checked at
 * connect time, literal IPs included) unless the development switch {@code allow-private-networks} is on;
 * redirects are never followed. Its connection pool bounds requests per destination host
 * ({@code provider-max-concurrency}); {@link ProviderGateway} bounds them per number.
 */
@Configuration(proxyBeanMethods = false)
public class ProviderHttpConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProviderHttpConfiguration.class);

    /** Largest provider answer read; a larger one is an unexpected answer, not a memory problem. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    /** Holder so the guard (which owns a DNS resolver) is closed with the context; empty with the dev switch. */
    public record ProviderAddressGuard(Optional<GuardedAddressResolverGroup> guard) implements AutoCloseable {
        @Override
        public void close() {
            guard.ifPresent(GuardedAddressResolverGroup::close);
        }
    }

    @Bean(destroyMethod = "dispose")
    ConnectionProvider providerConnections(SignalingProperties props) {
        return ClientPools.builder("signaling-providers")
                .maxConnections(props.providerMaxConcurrency())
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(props.providerTimeout())
                .build();
    }

    @Bean
    ProviderAddressGuard providerAddressGuard(SignalingProperties props) {
        if (props.allowPrivateNetworks()) {
            log.warn("ringline.signaling.allow-private-networks is on: provider base URLs may reach loopback and "
                    + "private addresses (development only)");
            return new ProviderAddressGuard(Optional.empty());
        }
        return new ProviderAddressGuard(Optional.of(GuardedAddressResolverGroup.overSystemDns()));
    }

    @Bean
    WebClient providerWebClient(ConnectionProvider providerConnections, ProviderAddressGuard providerAddressGuard) {
        return providerWebClient(providerConnections, providerAddressGuard.guard().orElse(null));
    }

    /** @param guard the address guard; null only with the development switch */
    public static WebClient providerWebClient(ConnectionProvider connections, GuardedAddressResolverGroup guard) {
        HttpClient http = HttpClient.create(connections).followRedirect(false);
        if (guard != null) {
            http = http.resolver(guard);
        }
        return WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_ANSWER_BYTES))
                .build();
    }
}
