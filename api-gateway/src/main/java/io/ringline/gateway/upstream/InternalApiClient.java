package io.ringline.gateway.upstream;

import io.ringline.gateway.config.UpstreamProperties;
import io.ringline.platform.web.ApiException;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * HTTP client of one internal service ({@code /internal/**}, docs/internal-apis.md): adds the internal token,
 * bounds every call by a timeout and turns an unreachable service into {@code 503 SERVICE_UNAVAILABLE}.
 */
public final class InternalApiClient {

    private static final Logger log = LoggerFactory.getLogger(InternalApiClient.class);

    private final String service;
    private final WebClient web;
    private final Duration timeout;

    /** @param connections the gateway's pool of internal-service connections (GatewayConfiguration) */
    public InternalApiClient(String service, UpstreamProperties.Service target, String internalToken,
            ConnectionProvider connections) {
        if (target == null || target.url() == null) {
            throw new IllegalStateException("ringline." + service + ".url must be set");
        }
        this.service = service;
        this.timeout = target.timeout();
        this.web = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)))
                .baseUrl(target.url().toString())
                .defaultHeader("x-internal-token", internalToken == null ? "" : internalToken)
                .build();
    }

    public Mono<UpstreamResponse> get(Function<UriBuilder, URI> uri) {
        return exchange(HttpMethod.GET, uri, null);
    }

    /** @param body JSON to send, or null for none */
    public Mono<UpstreamResponse> exchange(HttpMethod method, Function<UriBuilder, URI> uri, byte[] body) {
        WebClient.RequestBodySpec spec = web.method(method).uri(uri);
        WebClient.RequestHeadersSpec<?> request = body == null ? spec
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return request.exchangeToMono(response -> response.bodyToMono(byte[].class)
                        .defaultIfEmpty(new byte[0])
                        .map(bytes -> new UpstreamResponse(service, response.statusCode().value(), bytes)))
                .timeout(timeout)
                .onErrorMap(e -> !(e instanceof ApiException), e -> {
                    log.warn("{} unavailable: {}", service, e.toString());
                    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                            "A Ringline service is temporarily unavailable; try again");
                });
    }
}
