package io.ringline.signaling.call.provider.evogo;

import io.ringline.signaling.SignalingProperties;
import io.ringline.signaling.call.provider.ProviderCredentials;
import io.ringline.signaling.number.NumberAccount;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks a GO instance whether it is connected to WhatsApp ({@code GET /instance/status}). Emits
 * {@code open} or {@code close} (GO's 409 means not connected), empty when GO could not tell in time.
 */
@Component
public class EvoGoInstanceStatus {

    private static final Logger log = LoggerFactory.getLogger(EvoGoInstanceStatus.class);

    private final WebClient http;
    private final ProviderCredentials credentials;
    private final JsonMapper json;
    private final Duration timeout;

    EvoGoInstanceStatus(WebClient providerWebClient, ProviderCredentials credentials, JsonMapper json,
            SignalingProperties props) {
        this.http = providerWebClient;
        this.credentials = credentials;
        this.json = json;
        this.timeout = props.providerTimeout();
    }

    public Mono<String> state(NumberAccount number) {
        return Mono.defer(() -> http.get()
                        .uri(UriComponentsBuilder.fromUriString(number.baseUrl()).path("/instance/status").build().toUri())
                        .header("apikey", credentials.field(number, "instanceToken"))
                        .accept(MediaType.APPLICATION_JSON)
                        .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                                .flatMap(text -> {
                                    int status = response.statusCode().value();
                                    if (status == 409) {
                                        return Mono.just("close");
                                    }
                                    if (!response.statusCode().is2xxSuccessful()) {
                                        return Mono.empty();
                                    }
                                    String state = json.readTree(text).path("state").asString(null);
                                    return Mono.justOrEmpty(state == null ? null : state.toLowerCase(Locale.ROOT));
                                })))
                .timeout(timeout)
                .onErrorResume(e -> {
                    log.warn("could not ask GO instance of {} for its status: {}", number.numberId(), e.toString());
                    return Mono.empty();
                });
    }
}
