package io.ringline.testsupport.http;

import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real HTTP endpoint for tests (Reactor Netty on a loopback address, random port): records every request and
 * answers as scripted, per path or per request number (1-based), by default {@code 200 ok}.
 */
public final class RecordingHttpReceiver implements AutoCloseable {

    /** One request as received; header names lower-cased. */
    public record Received(String method, String path, Map<String, List<String>> headers, String body, Instant at) {

        /** The first value of a header (name in any case), or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.getFirst();
        }
    }

    /** What to answer, once {@code gate} completes (so a test can hold a request open or delay the answer). */
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

        /** This reply, sent {@code delay} after the request arrived. */
        public Reply after(Duration delay) {
            return new Reply(status, headers, body, gate.then(Mono.delay(delay)).then());
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Reply> byPath = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile IntFunction<Reply> script = n -> Reply.ok();
    private final String host;
    private final DisposableServer server;

    public RecordingHttpReceiver() {
        this("127.0.0.1");
    }

    /** @param loopbackAddress an address of 127.0.0.0/8 to listen on (another one counts as another host) */
    public RecordingHttpReceiver(String loopbackAddress) {
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
                                    .collect(Collectors.toMap(n -> n.toLowerCase(Locale.ROOT),
                                            n -> request.requestHeaders().getAll(n), (a, b) -> a));
                            received.add(new Received(request.method().name(), request.uri(), headers, body,
                                    Instant.now()));
                            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                            int number = count.incrementAndGet();
                            Reply reply = byPath.getOrDefault(pathOf(request.uri()), script.apply(number));
                            reply.headers().forEach(response::header);
                            return reply.gate().then(Mono.defer(() -> response
                                            .status(HttpResponseStatus.valueOf(reply.status()))
                                            .sendString(Mono.just(reply.body()))
                                            .then()))
                                    .doFinally(signal -> open.decrementAndGet());
                        }))
                .bindNow();
    }

    private static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /** Answers the n-th request (1-based) with {@code script.apply(n)}, unless its path has a reply of its own. */
    public RecordingHttpReceiver answering(IntFunction<Reply> script) {
        this.script = script;
        return this;
    }

    /** Answers every request to {@code path} (query string ignored) with {@code reply}. */
    public RecordingHttpReceiver answering(String path, Reply reply) {
        byPath.put(path, reply);
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

    /** Every request so far, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests so far that match {@code filter}, in arrival order. */
    public List<Received> received(Predicate<Received> filter) {
        return received.stream().filter(filter).toList();
    }

    /** Waits until at least {@code count} requests arrived; fails after {@code deadline}. */
    public List<Received> awaitReceived(int count, Duration deadline) {
        return awaitReceived(count, r -> true, deadline);
    }

    /** Waits until at least {@code count} requests matching {@code filter} arrived; fails after {@code deadline}. */
    public List<Received> awaitReceived(int count, Predicate<Received> filter, Duration deadline) {
        return await().atMost(deadline).until(() -> received(filter), list -> list.size() >= count);
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
