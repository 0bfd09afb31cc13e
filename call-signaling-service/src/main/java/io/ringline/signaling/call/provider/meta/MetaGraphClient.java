package io.ringline.signaling.call.provider.meta;

import io.ringline.signaling.call.provider.CredentialEnvelopes;
import io.ringline.signaling.call.provider.ProviderException;
import io.ringline.signaling.call.provider.ProviderFailures;
import io.ringline.signaling.number.NumberAccount;
import io.ringline.signaling.number.Provider;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests to a number's Graph API ({@code baseUrl} includes the version; paths are under the
 * number's phone-number-id), authenticated with the number's access token. Errors become
 * {@link ProviderException}s carrying the tenant-facing error ({@link MetaErrors}).
 */
@Component
class MetaGraphClient {

    private final WebClient http;
    private final CredentialEnvelopes credentials;
    private final JsonMapper json;

    MetaGraphClient(WebClient providerWebClient, CredentialEnvelopes credentials, JsonMapper json) {
        this.http = providerWebClient;
        this.credentials = credentials;
        this.json = json;
    }

    /** {@code POST {baseUrl}/{phone-number-id}/{edge}} with a JSON body. */
    public Mono<JsonNode> post(NumberAccount number, String edge, Map<String, ?> body) {
        return Mono.defer(() -> http.post()
                .uri(uri(number, edge, b -> b))
                .header("Authorization", "Bearer " + credentials.field(number, "accessToken"))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(json.writeValueAsString(body))
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(text -> answer(response.statusCode().value(), text))))
                .onErrorMap(ProviderFailures.toTenantError(Provider.META, number.numberId(), MetaErrors::unexpectedAnswer));
    }

    /** {@code GET {baseUrl}/{phone-number-id}/{edge}?query}. */
    public Mono<JsonNode> get(NumberAccount number, String edge, Function<UriBuilder, UriBuilder> query) {
        return Mono.defer(() -> http.get()
                .uri(uri(number, edge, query))
                .header("Authorization", "Bearer " + credentials.field(number, "accessToken"))
                .accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(text -> answer(response.statusCode().value(), text))))
                .onErrorMap(ProviderFailures.toTenantError(Provider.META, number.numberId(), MetaErrors::unexpectedAnswer));
    }

    private static URI uri(NumberAccount number, String edge, Function<UriBuilder, UriBuilder> query) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(number.baseUrl())
                .pathSegment(number.accountId(), edge);
        return query.apply(builder).build();
    }

    private JsonNode answer(int status, String text) {
        if (status < 200 || status > 299) {
            throw new ProviderException(MetaErrors.fromResponse(status, text, json));
        }
        try {
            JsonNode node = text.isBlank() ? json.createObjectNode() : json.readTree(text);
            if (!node.isObject()) {
                throw new ProviderException(MetaErrors.unexpectedAnswer(text));
            }
            return node;
        } catch (tools.jackson.core.JacksonException e) {
            throw new ProviderException(MetaErrors.unexpectedAnswer(text));
        }
    }
}
