package io.ringline.bench.load;

import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The load generator's HTTP client: Reactor Netty, HTTP/1.1 keep-alive, a pool large enough that an open-model run
 * is never throttled by the generator's own connection count (a request that waits for a connection is still timed
 * from its intended start).
 */
public final class Http implements AutoCloseable {

    /** Status and body of one exchange. */
    public record Response(int status, byte[] body) {
        public boolean is2xx() {
            return status / 100 == 2;
        }
    }

    private static final byte[] EMPTY = new byte[0];

    private final ConnectionProvider pool;
    private final HttpClient client;

    public Http(String name, int maxConnections, Duration responseTimeout) {
        this.pool = ConnectionProvider.builder(name)
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofMinutes(2))
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        this.client = HttpClient.create(pool).keepAlive(true).responseTimeout(responseTimeout);
    }

    public Mono<Response> post(String url, Map<String, String> headers, byte[] body) {
        return client.post()
                .uri(url)
                .send((request, out) -> {
                    request.requestHeaders().set("content-type", "application/json");
                    headers.forEach((name, value) -> request.requestHeaders().set(name, value));
                    return out.sendByteArray(Mono.just(body));
                })
                .responseSingle((response, content) -> content.asByteArray().defaultIfEmpty(EMPTY)
                        .map(bytes -> new Response(response.status().code(), bytes)));
    }

    @Override
    public void close() {
        pool.disposeLater().block(Duration.ofSeconds(10));
    }
}
