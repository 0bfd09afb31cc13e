package io.ringline.media.evogo;

import io.netty.channel.ChannelOption;
import io.ringline.media.config.AddressGuard;
import io.ringline.media.config.MediaProperties;
import io.ringline.platform.crypto.SecretBox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client of GO's media routes: through the address guard, small answers,
 * connect bounded by the provider timeout.
 */
@Configuration(proxyBeanMethods = false)
class EvoGoMediaConfiguration {

    @Bean
    EvoGoMediaClient evoGoMediaClient(SecretBox secrets, JsonMapper json, MediaProperties props, AddressGuard guard) {
        HttpClient http = guard.apply(HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) props.providerTimeout().toMillis()));
        WebClient web = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(EvoGoMediaClient.MAX_ANSWER_BYTES))
                .build();
        return new EvoGoMediaClient(web, secrets, json, props);
    }
}
