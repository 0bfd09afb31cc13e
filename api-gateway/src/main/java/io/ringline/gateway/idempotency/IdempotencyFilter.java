package io.ringline.gateway.idempotency;

import io.ringline.gateway.config.GatewayProperties;
import io.ringline.gateway.ratelimit.RateLimitFilter;
import io.ringline.gateway.tenancy.Caller;
import io.ringline.platform.crypto.Hashing;
import io.ringline.platform.web.ApiError;
import io.ringline.platform.web.ApiException;
import io.ringline.platform.web.BodyBytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on public POSTs (SPEC §2): the first response (success or client error) to a key
 * is stored before it is sent and replayed to any retry with the same method, path and body within 24 h,
 * so the retry does nothing twice. The same key with a different request → {@code 422 IDEMPOTENCY_KEY_REUSED};
 * while the first is still running → {@code 409 IDEMPOTENCY_KEY_IN_USE}. Server-side failures (5xx) are not
 * stored: nothing durable happened, so a retry may run again. Keys are scoped to the API key.
 */
@Component
class IdempotencyFilter implements WebFilter, Ordered {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final Duration RETENTION = Duration.ofHours(24);
    private static final Pattern KEY_FORMAT = Pattern.compile("^[\\x21-\\x7E]{1,255}$");
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyStore store;
    private final JsonMapper json;
    private final int maxBodyBytes;
    /** A claim older than this without a response is considered abandoned by a crashed instance. */
    private final Duration abandonedAfter;

    IdempotencyFilter(IdempotencyStore store, JsonMapper json, GatewayProperties props) {
        this.store = store;
        this.json = json;
        this.maxBodyBytes = (int) props.maxBodySize().toBytes();
        this.abandonedAfter = props.commandTimeout().multipliedBy(6);
    }

    @Override
    public int getOrder() {
        return RateLimitFilter.ORDER + 100;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String key = request.getHeaders().getFirst(HEADER);
        Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
        if (key == null || caller == null || request.getMethod() != HttpMethod.POST) {
            return chain.filter(exchange);
        }
        if (!KEY_FORMAT.matcher(key).matches()) {
            return Mono.error(ApiException.invalid(HEADER, "must be 1 to 255 visible ASCII characters"));
        }
        return BodyBytes.read(request.getBody(), maxBodyBytes)
                .onErrorMap(DataBufferLimitException.class,
                        e -> ApiException.invalid("body", "must not exceed " + maxBodyBytes + " bytes"))
                .flatMap(body -> store.claim(caller.keyId(), key, requestHash(request, body), RETENTION, abandonedAfter)
                        .flatMap(claim -> switch (claim) {
                            case IdempotencyStore.Claim.Claimed c ->
                                    run(exchange, chain, caller.keyId(), key, body, c.operationId());
                            case IdempotencyStore.Claim.Completed done -> replay(exchange.getResponse(), done);
                            case IdempotencyStore.Claim.InProgress p -> Mono.error(new ApiException(HttpStatus.CONFLICT,
                                    "IDEMPOTENCY_KEY_IN_USE",
                                    "A request with this Idempotency-Key is still being processed; retry shortly"));
                            case IdempotencyStore.Claim.Reused r -> Mono.error(new ApiException(
                                    HttpStatus.UNPROCESSABLE_CONTENT, "IDEMPOTENCY_KEY_REUSED",
                                    "This Idempotency-Key was used for a different request"));
                        }));
    }

    private Mono<Void> run(ServerWebExchange exchange, WebFilterChain chain, String apiKeyId, String key, byte[] body,
            String operationId) {
        AtomicBoolean settled = new AtomicBoolean();
        ServerHttpRequest replayable = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        ServerHttpResponse recording = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> content) {
                return BodyBytes.readAll(content)
                        .flatMap(bytes -> settle(apiKeyId, key, getStatusCode(), contentType(this), bytes, settled)
                                .then(super.writeWith(Mono.just(bufferFactory().wrap(bytes)))));
            }
        };
        return chain.filter(exchange.mutate().request(replayable).response(recording).build())
                .then(Mono.defer(() -> settle(apiKeyId, key, recording.getStatusCode(), contentType(recording),
                        new byte[0], settled)))
                .onErrorResume(error -> {
                    Mono<Void> record = error instanceof ApiException api
                            ? settle(apiKeyId, key, api.status(), MediaType.APPLICATION_JSON_VALUE,
                                    json.writeValueAsBytes(new ApiError(api.getMessage(), api.code(), api.details())),
                                    settled)
                            : release(apiKeyId, key, settled);
                    return record.then(Mono.error(error));
                })
                .doOnCancel(() -> release(apiKeyId, key, settled).subscribe())
                .contextWrite(context -> IdempotentOperation.with(context, operationId));
    }

    /** Stores a response worth replaying (anything below 500), or releases the key. Once per request. */
    private Mono<Void> settle(String apiKeyId, String key, HttpStatusCode status, String contentType, byte[] body,
            AtomicBoolean settled) {
        if (status == null || status.is5xxServerError()) {
            return release(apiKeyId, key, settled);
        }
        if (!settled.compareAndSet(false, true)) {
            return Mono.empty();
        }
        return store.complete(apiKeyId, key, status.value(), contentType, body)
                .onErrorResume(e -> {
                    log.warn("could not store the response for Idempotency-Key of {}: {}", apiKeyId, e.toString());
                    return Mono.empty();
                });
    }

    private Mono<Void> release(String apiKeyId, String key, AtomicBoolean settled) {
        if (!settled.compareAndSet(false, true)) {
            return Mono.empty();
        }
        return store.release(apiKeyId, key).onErrorResume(e -> Mono.empty());
    }

    private static Mono<Void> replay(ServerHttpResponse response, IdempotencyStore.Claim.Completed done) {
        response.setStatusCode(HttpStatusCode.valueOf(done.status()));
        response.getHeaders().set(REPLAYED_HEADER, "true");
        if (done.contentType() != null) {
            response.getHeaders().set("Content-Type", done.contentType());
        }
        if (done.body().length == 0) {
            return response.setComplete();
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(done.body())));
    }

    /** Same method, path, query and body bytes → same hash. */
    private static String requestHash(ServerHttpRequest request, byte[] body) {
        byte[] head = (request.getMethod().name() + " " + request.getURI().getRawPath() + "?"
                + String.valueOf(request.getURI().getRawQuery()) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream all = new ByteArrayOutputStream(head.length + body.length);
        all.writeBytes(head);
        all.writeBytes(body);
        return HexFormat.of().formatHex(Hashing.sha256(all.toByteArray()));
    }

    private static String contentType(ServerHttpResponse response) {
        MediaType type = response.getHeaders().getContentType();
        return type == null ? null : type.toString();
    }
}
