package io.ringline.signaling.call.provider.evogo;

import io.ringline.platform.vocabulary.GoConnectionState;
import io.ringline.signaling.call.provider.CredentialEnvelopes;
import io.ringline.signaling.call.provider.ProviderGateway;
import io.ringline.signaling.number.NumberAccount;
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
 * its state (GO's 409 means not connected), empty when GO could not tell in time, answered a state this version does
 * not know (or the
 * number's provider requests are all busy: the command then goes ahead and GO's own answer decides).
 */
@Component
public class EvoGoInstanceStatus {

    private static final Logger log = LoggerFactory.getLogger(EvoGoInstanceStatus.class);

    private final WebClient http;
    private final CredentialEnvelopes credentials;
    private final JsonMapper json;
    private final ProviderGateway providers;

    EvoGoInstanceStatus(WebClient providerWebClient, CredentialEnvelopes credentials, JsonMapper json,
            ProviderGateway providers) {
        this.http = providerWebClient;
        this.credentials = credentials;
        this.json = json;
        this.providers = providers;
    }

    public Mono<GoConnectionState> state(NumberAccount number) {
        return providers.numberRequest(number, "instance_status", () -> http.get()
                        .uri(UriComponentsBuilder.fromUriString(number.baseUrl()).path("/instance/status").build().toUri())
                        .header("apikey", credentials.field(number, "instanceToken"))
                        .accept(MediaType.APPLICATION_JSON)
                        .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                                .flatMap(text -> {
                                    int status = response.statusCode().value();
                                    if (status == 409) {
                                        return Mono.just(GoConnectionState.CLOSE);
                                    }
                                    if (!response.statusCode().is2xxSuccessful()) {
                                        return Mono.empty();
                                    }
                                    String state = json.readTree(text).path("state").asString(null);
                                    return Mono.justOrEmpty(GoConnectionState.fromWire(state));
                                })))
                .onErrorResume(e -> {
                    log.warn("could not ask GO instance of {} for its status: {}", number.numberId(), e.toString());
                    return Mono.empty();
                });
    }
}
