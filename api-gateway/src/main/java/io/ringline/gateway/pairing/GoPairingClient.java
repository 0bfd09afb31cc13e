package io.ringline.gateway.pairing;

import io.ringline.platform.net.GuardedAddressResolverGroup;
import io.ringline.platform.net.ProviderText;
import io.ringline.platform.vocabulary.GoConnectionState;
import io.ringline.platform.web.ApiException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GO's pairing routes on a tenant's GO instance: {@code GET /instance/status}, {@code POST /instance/connect},
 * {@code GET /instance/qr}, with the instance token as {@code apikey}. The base URL is the tenant's, so every
 * connection goes through the SSRF guard (every resolved address must be public, checked when connecting;
 * development may allow private ones, as registration does: {@code ringline.gateway.provider-urls.allow-private-networks}), follows no redirect, and reads at most {@value #MAX_ANSWER_BYTES} bytes.
 * GO's refusals reach the tenant as {@code 502 PROVIDER_ERROR} with GO's status and an excerpt of its message; a GO
 * that cannot be reached, whatever the reason, as the one fixed {@code 502 PROVIDER_UNREACHABLE} (docs/security.md
 * "What tenants see when a provider fails"); no answer in time as {@code 504 PROVIDER_TIMEOUT}.
 */
class GoPairingClient implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GoPairingClient.class);
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    /** What {@code GET /instance/qr} gave. */
    sealed interface QrAnswer {
        /** A code to scan. */
        record Code(String payload) implements QrAnswer {
        }

        /** No code: the instance is already logged in. */
        record LoggedIn() implements QrAnswer {
        }

        /** GO could not offer a code now (a 4xx other than "logged in"): its capped message. */
        record Refused(int status, String message) implements QrAnswer {
        }
    }

    private final WebClient web;
    private final GuardedAddressResolverGroup guard;
    private final JsonMapper json;
    private final PairingProperties props;

    /**
     * Built by {@link PairingConfiguration}: {@code web} connects through {@code guard} (null when development allows
     * private networks), which this client closes when it is destroyed.
     */
    GoPairingClient(WebClient web, GuardedAddressResolverGroup guard, JsonMapper json, PairingProperties props) {
        this.web = web;
        this.guard = guard;
        this.json = json;
        this.props = props;
    }

    /**
     * The instance's state (GO's 409 means not connected); empty when GO answers a state this version does not know
     * (then the number is not known to be connected, and nothing is remembered).
     */
    Mono<GoConnectionState> status(URI baseUrl, String instanceToken) {
        return call(web.get().uri(route(baseUrl, "/instance/status")), instanceToken)
                .mapNotNull(answer -> {
                    if (answer.status() == 409) {
                        return GoConnectionState.CLOSE;
                    }
                    requireSuccess(answer);
                    return stateOf(answer.body());
                });
    }

    /** Starts (or keeps) pairing on the instance and points its webhook at Ringline, subscribed to all events. */
    Mono<Void> connect(URI baseUrl, String instanceToken, URI webhookUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("webhookUrl", webhookUrl.toString());
        body.put("subscribe", List.of("ALL"));
        return call(web.post().uri(route(baseUrl, "/instance/connect")).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(json.writeValueAsBytes(body)), instanceToken)
                .doOnNext(GoPairingClient::requireSuccess)
                .then();
    }

    Mono<QrAnswer> qr(URI baseUrl, String instanceToken) {
        return call(web.get().uri(route(baseUrl, "/instance/qr")), instanceToken)
                .map(answer -> {
                    if (answer.status() >= 200 && answer.status() < 300) {
                        JsonNode data = answer.body().has("data") ? answer.body().path("data") : answer.body();
                        String code = data.path("code").isString() ? data.path("code").stringValue() : null;
                        if (code == null || code.isBlank()) {
                            return new QrAnswer.Refused(answer.status(), "no QR code in the answer yet");
                        }
                        return new QrAnswer.Code(code);
                    }
                    String message = message(answer.body());
                    if (answer.status() >= 400 && answer.status() < 500) {
                        return message.toLowerCase(Locale.ROOT).contains("logged in") ? new QrAnswer.LoggedIn()
                                : new QrAnswer.Refused(answer.status(), message);
                    }
                    throw providerError(answer.status(), message);
                });
    }

    private record Answer(int status, JsonNode body) {
    }

    private Mono<Answer> call(WebClient.RequestHeadersSpec<?> request, String instanceToken) {
        return request.header("apikey", instanceToken)
                .accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                        .map(bytes -> new Answer(response.statusCode().value(), parse(bytes))))
                .timeout(props.timeout())
                .onErrorMap(e -> !(e instanceof ApiException), e -> {
                    if (e instanceof TimeoutException) {
                        return new ApiException(HttpStatus.GATEWAY_TIMEOUT, "PROVIDER_TIMEOUT",
                                "Evolution GO did not answer in time");
                    }
                    // The cause (refused destination, DNS, connection reset) is for operators, not tenants.
                    log.warn("Evolution GO pairing request failed", e);
                    return new ApiException(HttpStatus.BAD_GATEWAY, "PROVIDER_UNREACHABLE",
                            "Evolution GO could not be reached");
                });
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode parsed = body.length == 0 ? null : json.readTree(body);
            return parsed == null || !parsed.isObject() ? json.createObjectNode() : parsed;
        } catch (RuntimeException notJson) {
            return json.createObjectNode();
        }
    }

    private static GoConnectionState stateOf(JsonNode body) {
        if (body.path("state").isString()) {
            return GoConnectionState.fromWire(body.path("state").stringValue()).orElse(null);
        }
        // Evolution GO's own shape: {data: {Connected, LoggedIn}}.
        JsonNode data = body.path("data");
        return data.path("Connected").asBoolean(false) && data.path("LoggedIn").asBoolean(false)
                ? GoConnectionState.OPEN : GoConnectionState.CLOSE;
    }

    private static void requireSuccess(Answer answer) {
        if (answer.status() < 200 || answer.status() >= 300) {
            throw providerError(answer.status(), message(answer.body()));
        }
    }

    private static String message(JsonNode body) {
        String message = body.path("error").isString() ? body.path("error").stringValue()
                : body.path("message").isString() ? body.path("message").stringValue() : "";
        return ProviderText.excerpt(message);
    }

    static ApiException providerError(int status, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("providerStatus", status);
        details.put("providerMessage", message == null ? "" : message);
        return new ApiException(HttpStatus.BAD_GATEWAY, "PROVIDER_ERROR", "Evolution GO refused the pairing request",
                details);
    }

    private static URI route(URI baseUrl, String path) {
        return UriComponentsBuilder.fromUri(baseUrl).path(path).build().toUri();
    }

    @Override
    public void destroy() {
        if (guard != null) {
            guard.close();
        }
    }
}
