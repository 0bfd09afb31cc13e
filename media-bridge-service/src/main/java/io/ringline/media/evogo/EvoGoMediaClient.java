package io.ringline.media.evogo;

import io.ringline.media.config.MediaProperties;
import io.ringline.platform.crypto.SecretBox;
import io.ringline.platform.internalapi.NumberContextBody;
import io.ringline.platform.net.BulkheadFullException;
import io.ringline.platform.net.KeyedBulkhead;
import io.ringline.platform.net.ProviderText;
import io.ringline.platform.web.ApiException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The media routes of an Evolution GO instance (SPEC §6.2): {@code POST /call/media/play} and
 * {@code POST /call/media/realtime/session}, authenticated with the instance token as {@code apikey}.
 *
 * <p>The base URL is the tenant's, so connections go through the service's {@link AddressGuard} and redirects
 * are never followed; each number has at most {@code provider-limits} requests running and waiting. GO's errors
 * become Ringline's: 409 → {@code 409 WHATSAPP_INSTANCE_NOT_CONNECTED}, another answer → {@code 502
 * PROVIDER_ERROR} with GO's status and a {@link ProviderText} excerpt of its message, no connection (refused,
 * reset, guard-refused…) → one fixed {@code 502 PROVIDER_UNREACHABLE}, no answer in time → {@code 504
 * PROVIDER_TIMEOUT}, the number's line full → {@code 503 PROVIDER_BUSY} with {@code Retry-After}.
 */
public class EvoGoMediaClient {

    private static final Logger log = LoggerFactory.getLogger(EvoGoMediaClient.class);

    /** Largest GO answer read (its answers are small JSON objects). */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    /** What GO answered for a realtime session: where to connect upstream. */
    public record UpstreamSession(String wsUrl, String token, long expiresInSeconds) {
    }

    private final WebClient web;
    private final SecretBox secrets;
    private final JsonMapper json;
    private final MediaProperties props;
    private final KeyedBulkhead perNumber;
    private final long retryAfterSeconds;

    /** Built by {@link EvoGoMediaConfiguration}: {@code web} connects through the service's address guard. */
    EvoGoMediaClient(WebClient web, SecretBox secrets, JsonMapper json, MediaProperties props) {
        this.web = web;
        this.secrets = secrets;
        this.json = json;
        this.props = props;
        MediaProperties.ProviderLimits limits = props.providerLimits();
        this.perNumber = new KeyedBulkhead(new KeyedBulkhead.Limits(limits.concurrency(), limits.waiting(),
                limits.maxWait()));
        this.retryAfterSeconds = Math.max(1, (props.providerTimeout().toMillis() + 999) / 1000);
    }

    /** Sends the audio bytes to be played into the call. */
    public Mono<Void> play(NumberContextBody number, String externalCallId, byte[] audio, MediaType contentType) {
        return Mono.defer(() -> {
            URI uri = UriComponentsBuilder.fromUriString(baseUrl(number)).path("/call/media/play")
                    .queryParam("callId", "{callId}").encode().buildAndExpand(externalCallId).toUri();
            return call(number, web.post().uri(uri).contentType(contentType).bodyValue(audio));
        }).then();
    }

    public Mono<UpstreamSession> openRealtimeSession(NumberContextBody number, String externalCallId, String mode) {
        return Mono.defer(() -> {
            URI uri = UriComponentsBuilder.fromUriString(baseUrl(number)).path("/call/media/realtime/session")
                    .build().toUri();
            byte[] body = json.writeValueAsBytes(Map.of("callId", externalCallId, "mode", mode));
            return call(number, web.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body));
        }).map(answer -> {
            if (!answer.path("wsUrl").isString()) {
                throw providerError(200, "realtime session answer has no wsUrl");
            }
            return new UpstreamSession(answer.get("wsUrl").stringValue(),
                    answer.path("token").isString() ? answer.get("token").stringValue() : null,
                    answer.path("expiresInSeconds").asLong(0));
        });
    }

    /** Requests of this number running now (for tests and gauges). */
    public int running(String numberId) {
        return perNumber.running(numberId);
    }

    private Mono<JsonNode> call(NumberContextBody number, WebClient.RequestHeadersSpec<?> request) {
        String token = instanceToken(number);
        return perNumber.run(number.numberId(), () -> request.header("apikey", token)
                        .exchangeToMono(response -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                                .map(bytes -> answer(response.statusCode().value(), bytes)))
                        .timeout(props.providerTimeout()))
                .onErrorMap(e -> !(e instanceof ApiException), e -> tenantError(number, e));
    }

    private ApiException tenantError(NumberContextBody number, Throwable e) {
        if (e instanceof TimeoutException) {
            return new ApiException(HttpStatus.GATEWAY_TIMEOUT, "PROVIDER_TIMEOUT", "Evolution GO did not answer in time");
        }
        if (e instanceof BulkheadFullException) {
            return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "PROVIDER_BUSY",
                    "Too many requests to Evolution GO are in progress for this number; retry later",
                    Map.of("retryAfterSeconds", retryAfterSeconds), Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
        }
        if (e instanceof DataBufferLimitException) {
            return providerError(200, "the answer is too large");
        }
        // Refused, reset, TLS, a destination the guard refuses: the tenant reads one fixed answer for all of them.
        log.warn("Evolution GO unreachable for number {}: {}", number.numberId(), e.toString());
        return new ApiException(HttpStatus.BAD_GATEWAY, "PROVIDER_UNREACHABLE", "Evolution GO could not be reached");
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
        details.put("providerMessage", message == null ? "" : ProviderText.excerpt(message));
        return new ApiException(HttpStatus.BAD_GATEWAY, "PROVIDER_ERROR", "Evolution GO refused the media request",
                details);
    }

    /** The number's GO base URL, after checking the number carries what a request needs. */
    private static String baseUrl(NumberContextBody number) {
        if (number == null || number.numberId() == null || number.baseUrl() == null
                || number.encryptedCredentials() == null) {
            throw ApiException.invalid("number", "numberId, baseUrl and encryptedCredentials are required");
        }
        String scheme;
        try {
            scheme = UriComponentsBuilder.fromUriString(number.baseUrl()).build().getScheme();
        } catch (RuntimeException e) {
            scheme = null;
        }
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw ApiException.invalid("number", "baseUrl must be an http(s) URL");
        }
        return number.baseUrl();
    }

    private String instanceToken(NumberContextBody number) {
        JsonNode credentials;
        try {
            credentials = json.readTree(secrets.decrypt(number.encryptedCredentials()));
        } catch (RuntimeException e) {
            throw ApiException.invalid("number", "credentials cannot be read");
        }
        if (!credentials.path("instanceToken").isString()) {
            throw ApiException.invalid("number", "credentials carry no instanceToken");
        }
        return credentials.get("instanceToken").stringValue();
    }
}
