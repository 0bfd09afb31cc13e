package io.ringline.bench.receiver;

import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The load generator's own webhook endpoint (loopback, Reactor Netty): every request is handed, by the first
 * segment of its path, to the route that owns it, which records it in O(1) and says how to answer — so the
 * receiver can play healthy, failing and slow tenant endpoints and never becomes the bottleneck itself.
 */
public final class WebhookReceiver implements AutoCloseable {

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
    private final LongAdder unrouted = new LongAdder();
    private final DisposableServer server;

    private WebhookReceiver() {
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> {
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
                })
                .bindNow(Duration.ofSeconds(10));
    }

    public static WebhookReceiver start() {
        return new WebhookReceiver();
    }

    /** Requests whose path starts with {@code /segment/} (or is {@code /segment}) go to {@code route}. */
    public void route(String segment, Route route) {
        routes.put(segment, route);
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
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
        server.disposeNow(Duration.ofSeconds(10));
    }
}
