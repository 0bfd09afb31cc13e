package io.ringline.bench.receiver;

import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The load generator's own webhook endpoint (loopback, Reactor Netty): every request is handed, by the first
 * segment of its path, to the route that owns it, which records it in O(1) and says how to answer — so the
 * receiver can play healthy, failing and slow tenant endpoints and never becomes the bottleneck itself.
 *
 * <p>It listens on 127.0.0.1 ({@link #url()}) and on {@link #ENDPOINT_HOSTS} further loopback addresses, 127.0.0.2
 * and up ({@link #url(int)}), all answering alike: the fan-out bounds attempts per destination host (16 by default),
 * so tenant endpoints that all named one host would share one host's slots — a cap no real population of tenants
 * has. Linux routes the whole of 127.0.0.0/8 to the loopback interface, so each address binds with no set-up, and
 * the platform's SSRF guard treats them as it treats 127.0.0.1 (loopback, allowed only in the dev profile).
 */
public final class LoopbackWebhookReceivers implements AutoCloseable {

    /** What a route does with one request; called on a Netty thread, so it must not block. */
    @FunctionalInterface
    public interface Route {
        Answer handle(String path, HttpHeaders headers, byte[] body, long arrivalNanos);
    }

    /** How to answer: status, after {@code delay}. */
    public record Answer(int status, Duration delay) {
        public static final Answer OK = new Answer(200, Duration.ZERO);
    }

    private static final byte[] EMPTY = new byte[0];

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    /** Loopback addresses besides 127.0.0.1 that tenant endpoints are spread over. */
    public static final int ENDPOINT_HOSTS = 16;

    private final LongAdder unrouted = new LongAdder();
    private final DisposableServer server;
    private final List<DisposableServer> endpointServers;

    private LoopbackWebhookReceivers() {
        this.server = bind("127.0.0.1");
        this.endpointServers = java.util.stream.IntStream.range(0, ENDPOINT_HOSTS)
                .mapToObj(i -> bind(endpointHost(i))).toList();
    }

    private static String endpointHost(int i) {
        return "127.0.0." + (2 + i);
    }

    private DisposableServer bind(String host) {
        return HttpServer.create().host(host).port(0).handle(this::serve).bindNow(Duration.ofSeconds(10));
    }

    /** Every address answers alike: the route is chosen by path, whatever the host. */
    private Mono<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        long arrival = System.nanoTime();
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return request.receive().aggregate().asByteArray().defaultIfEmpty(EMPTY).flatMap(body -> {
            Route route = routes.get(firstSegment(path));
            Answer answer;
            if (route == null) {
                unrouted.increment();
                answer = new Answer(404, Duration.ZERO);
            } else {
                answer = route.handle(path, request.requestHeaders(), body, arrival);
            }
            Mono<Void> send = response.status(answer.status()).header("content-type", "application/json")
                    .sendString(Mono.just(answer.status() / 100 == 2 ? "{\"received\":true}"
                            : "{\"received\":false}")).then();
            return answer.delay().isZero() ? send : Mono.delay(answer.delay()).then(send);
        });
    }

    public static LoopbackWebhookReceivers start() {
        return new LoopbackWebhookReceivers();
    }

    /** Requests whose path starts with {@code /segment/} (or is {@code /segment}) go to {@code route}. */
    public void route(String segment, Route route) {
        routes.put(segment, route);
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The base URL on loopback host {@code n mod ENDPOINT_HOSTS} (127.0.0.2 and up): a tenant endpoint's host. */
    public String url(int n) {
        int i = Math.floorMod(n, ENDPOINT_HOSTS);
        return "http://" + endpointHost(i) + ":" + endpointServers.get(i).port();
    }

    public long unrouted() {
        return unrouted.sum();
    }

    static String firstSegment(String path) {
        int from = path.startsWith("/") ? 1 : 0;
        int slash = path.indexOf('/', from);
        return slash < 0 ? path.substring(from) : path.substring(from, slash);
    }

    @Override
    public void close() {
        endpointServers.forEach(s -> s.disposeNow(Duration.ofSeconds(10)));
        server.disposeNow(Duration.ofSeconds(10));
    }
}
