package io.ringline.signaling.call.provider.evogo;

import io.ringline.signaling.call.CallSnapshot;
import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.call.provider.CallProvider;
import io.ringline.signaling.call.provider.CredentialEnvelopes;
import io.ringline.signaling.call.provider.ProviderException;
import io.ringline.signaling.call.provider.ProviderFailures;
import io.ringline.signaling.number.NumberAccount;
import io.ringline.signaling.number.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drives an Evolution GO instance's call API (SPEC §6.2), authenticated by the instance token. */
@Component
class EvoGoCallProvider implements CallProvider {

    private final WebClient http;
    private final CredentialEnvelopes credentials;
    private final JsonMapper json;

    EvoGoCallProvider(WebClient providerWebClient, CredentialEnvelopes credentials, JsonMapper json) {
        this.http = providerWebClient;
        this.credentials = credentials;
        this.json = json;
    }

    @Override
    public Provider kind() {
        return Provider.EVO_GO;
    }

    @Override
    public Mono<String> place(NumberAccount number, CallSnapshot call) {
        return post(number, "/call/start", Map.of("number", JidNumbers.digits(call.peerNumber())))
                .map(answer -> {
                    String callId = answer.path("callId").asString(null);
                    if (callId == null || callId.isBlank()) {
                        throw new ProviderException(EvoGoErrors.unexpectedAnswer("no callId in the answer"));
                    }
                    return callId;
                });
    }

    @Override
    public Mono<Void> preAccept(NumberAccount number, CallSnapshot call, String sdpAnswer) {
        return Mono.error(new ProviderException(new CommandError(400, "FEATURE_NOT_SUPPORTED",
                "Pre-accept is only available on Meta Cloud API numbers", null)));
    }

    @Override
    public Mono<Void> accept(NumberAccount number, CallSnapshot call, String sdpAnswer) {
        return post(number, "/call/answer", Map.of("callId", call.externalCallId())).then();
    }

    @Override
    public Mono<Void> reject(NumberAccount number, CallSnapshot call) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callId", call.externalCallId());
        body.put("callCreator", call.peerRef() != null ? call.peerRef() : JidNumbers.toJid(call.peerNumber()));
        return post(number, "/call/reject", body).then();
    }

    @Override
    public Mono<Void> terminate(NumberAccount number, CallSnapshot call) {
        return post(number, "/call/hangup", Map.of("callId", call.externalCallId())).then();
    }

    private Mono<JsonNode> post(NumberAccount number, String path, Map<String, ?> body) {
        return Mono.defer(() -> http.post()
                        .uri(UriComponentsBuilder.fromUriString(number.baseUrl()).path(path).build().toUri())
                        .header("apikey", credentials.field(number, "instanceToken"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.APPLICATION_JSON)
                        .bodyValue(json.writeValueAsString(body))
                        .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                                .map(text -> {
                                    int status = response.statusCode().value();
                                    if (!response.statusCode().is2xxSuccessful()) {
                                        throw new ProviderException(EvoGoErrors.fromResponse(status, text, json));
                                    }
                                    return text.isBlank() ? json.createObjectNode() : readAnswer(text);
                                })))
                .onErrorMap(ProviderFailures.toTenantError(Provider.EVO_GO, number.numberId(), EvoGoErrors::unexpectedAnswer));
    }

    private JsonNode readAnswer(String text) {
        try {
            return json.readTree(text);
        } catch (tools.jackson.core.JacksonException e) {
            throw new ProviderException(EvoGoErrors.unexpectedAnswer(text));
        }
    }
}
