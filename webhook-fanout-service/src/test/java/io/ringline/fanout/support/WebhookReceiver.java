package io.ringline.fanout.support;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real HTTP endpoint for tests: records every request it gets and answers as scripted per request
 * number (1-based). Started on 127.0.0.1 (or another loopback address, which counts as another destination
 * host) with a random port.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received; header names lower-cased. */
    public record Received(String method, String path, Map<String, List<String>> headers, String body, Instant at) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.getFirst();
        }
    }

    /** What to answer, once {@code gate} completes (so a test can hold a request open). */
    public record Reply(int status, Map<String, String> headers, String body, Mono<Void> gate) {
        public static Reply status(int status) {
            return new Reply(status, Map.of(), "", Mono.empty());
        }

        public static Reply status(int status, Map<String, String> headers) {
            return new Reply(status, headers, "", Mono.empty());
        }

        public static Reply ok() {
            return new Reply(200, Map.of(), "ok", Mono.empty());
        }

        /** 200, but only when {@code gate} completes. */
        public static Reply okAfter(Mono<Void> gate) {
            return new Reply(200, Map.of(), "ok", gate);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile IntFunction<Reply> script = n -> Reply.ok();
    private final String host;
    private final DisposableServer server;

    public WebhookReceiver() {
        this("127.0.0.1");
    }

    /** @param loopbackAddress an address of 127.0.0.0/8 to listen on */
    public WebhookReceiver(String loopbackAddress) {
        host = loopbackAddress;
        server = HttpServer.create()
                .host(loopbackAddress)
                .port(0)
                // Once per TCP connection (doOnConnection would fire once per request on a kept-alive one).
                .doOnChannelInit((observer, channel, remoteAddress) -> connections.incrementAndGet())
                .handle((request, response) -> request.receive().aggregate().asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .flatMap(body -> {
                            Map<String, List<String>> headers = request.requestHeaders().names().stream()
                                    .collect(Collectors.toMap(n -> n.toLowerCase(), n -> request.requestHeaders().getAll(n),
                                            (a, b) -> a));
                            received.add(new Received(request.method().name(), request.uri(), headers, body,
                                    Instant.now()));
                            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                            Reply reply = script.apply(count.incrementAndGet());
                            reply.headers().forEach(response::header);
                            return reply.gate().then(Mono.defer(() -> response
                                    .status(HttpResponseStatus.valueOf(reply.status()))
                                    .sendString(Mono.just(reply.body()))
                                    .then()))
                                    .doFinally(signal -> open.decrementAndGet());
                        }))
                .bindNow();
    }

    /** Answers the n-th request (1-based) with {@code script.apply(n)}. */
    public WebhookReceiver answering(IntFunction<Reply> script) {
        this.script = script;
        return this;
    }

    public String url() {
        return url("/hook");
    }

    public String url(String path) {
        return "http://" + host + ":" + server.port() + path;
    }

    public int port() {
        return server.port();
    }

    /** Requests held open right now. */
    public int inFlight() {
        return open.get();
    }

    /** TCP connections accepted so far (a keep-alive client sends many requests over one). */
    public int connectionsAccepted() {
        return connections.get();
    }

    /** The most requests this receiver held open at the same time. */
    public int maxConcurrent() {
        return maxOpen.get();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
