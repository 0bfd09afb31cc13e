package io.ringline.gateway.pairing;

import io.netty.channel.ChannelOption;
import io.ringline.gateway.tenancy.ProviderUrlProperties;
import io.ringline.platform.net.GuardedAddressResolverGroup;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP client of GO's pairing routes: guarded, no redirects, small answers. */
@Configuration(proxyBeanMethods = false)
class PairingConfiguration {

    /**
     * {@code urls}: the GO base URLs tenants may register may reach private networks (development) — then so may
     * pairing; otherwise every address is checked by the SSRF guard when connecting.
     */
    @Bean
    GoPairingClient goPairingClient(JsonMapper json, PairingProperties props, ProviderUrlProperties urls) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) props.timeout().toMillis())
                .followRedirect(false);
        GuardedAddressResolverGroup guard = urls.allowPrivateNetworks() ? null
                : GuardedAddressResolverGroup.overSystemDns();
        if (guard != null) {
            http = http.resolver(guard);
        }
        WebClient web = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(GoPairingClient.MAX_ANSWER_BYTES))
                .build();
        return new GoPairingClient(web, guard, json, props);
    }
}
