package io.ringline.media.evogo;

import io.netty.channel.ChannelOption;
import io.ringline.media.config.MediaProperties;
import io.ringline.platform.crypto.SecretBox;
import io.ringline.platform.web.ApiException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The media routes of an Evolution GO instance (SPEC §6.2): {@code POST /call/media/play} and
 * {@code POST /call/media/realtime/session}, authenticated with the instance token as {@code apikey}.
 * GO's errors become Ringline's: 409 → {@code 409 WHATSAPP_INSTANCE_NOT_CONNECTED}, any other failure →
 * {@code 502 PROVIDER_ERROR}, no answer in time → {@code 504 PROVIDER_TIMEOUT}.
 */
@Component
public class EvoGoMediaClient {

    /** What GO answered for a realtime session: where to connect upstream. */
    public record UpstreamSession(String wsUrl, String token, long expiresInSeconds) {
    }

    private final WebClient web;
    private final SecretBox secrets;
    private final JsonMapper json;
    private final MediaProperties props;

    public EvoGoMediaClient(SecretBox secrets, JsonMapper json, MediaProperties props) {
        this.secrets = secrets;
        this.json = json;
        this.props = props;
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) props.providerTimeout().toMillis())
                .followRedirect(false);
        this.web = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    /** Sends the audio bytes to be played into the call. */
    public Mono<Void> play(NumberContextJson number, String externalCallId, byte[] audio, MediaType contentType) {
        URI uri = UriComponentsBuilder.fromUriString(number.baseUrl()).path("/call/media/play")
                .queryParam("callId", "{callId}").encode().buildAndExpand(externalCallId).toUri();
        return call(number, web.post().uri(uri).contentType(contentType).bodyValue(audio)).then();
    }

    public Mono<UpstreamSession> openRealtimeSession(NumberContextJson number, String externalCallId, String mode) {
        URI uri = UriComponentsBuilder.fromUriString(number.baseUrl()).path("/call/media/realtime/session")
                .build().toUri();
        byte[] body = json.writeValueAsBytes(Map.of("callId", externalCallId, "mode", mode));
        return call(number, web.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body))
                .map(answer -> {
                    if (!answer.path("wsUrl").isString()) {
                        throw providerError(200, "realtime session answer has no wsUrl");
                    }
                    return new UpstreamSession(answer.get("wsUrl").stringValue(),
                            answer.path("token").isString() ? answer.get("token").stringValue() : null,
                            answer.path("expiresInSeconds").asLong(0));
                });
    }

    private Mono<JsonNode> call(NumberContextJson number, WebClient.RequestHeadersSpec<?> request) {
        return Mono.fromCallable(() -> instanceToken(number))
                .flatMap(token -> request.header("apikey", token)
                        .exchangeToMono(response -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                                .map(bytes -> answer(response.statusCode().value(), bytes))))
                .timeout(props.providerTimeout())
                .onErrorMap(e -> !(e instanceof ApiException), e -> e instanceof TimeoutException
                        ? new ApiException(HttpStatus.GATEWAY_TIMEOUT, "PROVIDER_TIMEOUT",
                                "Evolution GO did not answer in time")
                        : providerError(0, e.getMessage()));
    }

    private JsonNode answer(int status, byte[] body) {
        JsonNode parsed = parse(body);
        if (status >= 200 && status < 300) {
            return parsed;
        }
        String message = parsed.path("error").isString() ? parsed.get("error").stringValue() : null;
        if (status == 409) {
            throw new ApiException(HttpStatus.CONFLICT, "WHATSAPP_INSTANCE_NOT_CONNECTED",
                    "The Evolution GO instance is not connected to WhatsApp");
        }
        throw providerError(status, message);
    }

    private JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (RuntimeException notJson) {
            return json.createObjectNode();
        }
    }

    private static ApiException providerError(int status, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("providerStatus", status);
        details.put("providerMessage", message == null ? "" : message);
        return new ApiException(HttpStatus.BAD_GATEWAY, "PROVIDER_ERROR", "Evolution GO refused the media request",
                details);
    }

    private String instanceToken(NumberContextJson number) {
        if (number == null || number.baseUrl() == null || number.encryptedCredentials() == null) {
            throw ApiException.invalid("number", "baseUrl and encryptedCredentials are required");
        }
        JsonNode credentials = json.readTree(secrets.decrypt(number.encryptedCredentials()));
        if (!credentials.path("instanceToken").isString()) {
            throw ApiException.invalid("number", "credentials carry no instanceToken");
        }
        return credentials.get("instanceToken").stringValue();
    }
}
