package io.ringline.media.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real HTTP + WebSocket server standing in for an Evolution GO instance's media routes: records what
 * {@code /call/media/play} received, answers realtime sessions with its own {@code /ws} upstream, and lets
 * the test drive each upstream connection.
 */
public final class FakeEvoGo implements AutoCloseable {

    /** @param at when the request arrived (to order it against other things the test saw) */
    public record Played(String callId, String contentType, String apikey, byte[] bytes, java.time.Instant at) {
    }

    /** One upstream WebSocket connection the relay opened. */
    public static final class Upstream {
        public final BlockingQueue<Object> received = new LinkedBlockingQueue<>(); // byte[] or String
        /** Completes when the connection is gone (the relay closed it, or it failed). */
        public final CompletableFuture<Void> closed = new CompletableFuture<>();
        /**
         * Written by two threads: the server's event loop (GO's {@code start}, as the connection opens) and the
         * test's thread (everything else, often right after it saw the connection). A {@code Sinks.many()} sink
         * refuses an emission that overlaps another thread's with {@code FAIL_NON_SERIALIZED}, so every emission
         * retries until it gets in ({@link #waitYourTurn()}) rather than losing a frame the test sent.
         */
        private final Sinks.Many<Publisher<WebSocketFrame>> out = Sinks.many().unicast().onBackpressureBuffer();

        public void sendAudio(byte[] pcm) {
            send(Mono.just(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(pcm))));
        }

        public void sendText(String text) {
            send(Mono.just(new TextWebSocketFrame(text)));
        }

        /** Sends this frame again and again, as fast as the relay reads, until the connection is gone. */
        public void flood(byte[] pcm) {
            send(Flux.generate(sink -> sink.next(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(pcm)))));
        }

        /** Ends the stream the way GO does when the call ends. */
        public void stop() {
            sendText("{\"type\":\"stop\",\"reason\":\"call ended\"}");
            out.emitComplete(waitYourTurn());
        }

        /** Queues frames for the relay; dropped only once the connection is gone (nobody left to read them). */
        private void send(Publisher<WebSocketFrame> frames) {
            out.emitNext(frames, waitYourTurn());
        }

        /**
         * Retries an emission another thread overlaps (that failure only), failing loudly if it never gets in.
         * A new handler each time: {@code busyLooping} fixes its deadline when it is created.
         */
        private static Sinks.EmitFailureHandler waitYourTurn() {
            return Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(5));
        }
    }

    public final BlockingQueue<Played> played = new LinkedBlockingQueue<>();
    public final List<String> sessionRequests = new CopyOnWriteArrayList<>();
    public final BlockingQueue<Upstream> upstreams = new LinkedBlockingQueue<>();
    private final AtomicInteger playStatus = new AtomicInteger(200);
    private final DisposableServer server;

    public FakeEvoGo() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .post("/call/media/play", (req, res) -> req.receive().aggregate().asByteArray()
                                .defaultIfEmpty(new byte[0])
                                .flatMap(bytes -> {
                                    String query = req.uri().substring(req.uri().indexOf('?') + 1);
                                    played.add(new Played(query.replaceFirst("^callId=", ""),
                                            req.requestHeaders().get("content-type"),
                                            req.requestHeaders().get("apikey"), bytes, java.time.Instant.now()));
                                    int status = playStatus.get();
                                    if (status == 0) {
                                        return Mono.never(); // an instance that never answers
                                    }
                                    return res.status(status).header("content-type", "application/json")
                                            .sendString(Mono.just(status == 200 ? "{\"message\":\"queued\"}"
                                                    : "{\"error\":\"instance disconnected\"}")).then();
                                }))
                        .post("/call/media/realtime/session", (req, res) -> req.receive().aggregate().asString()
                                .flatMap(body -> {
                                    sessionRequests.add(body + " apikey=" + req.requestHeaders().get("apikey"));
                                    String ws = "ws://127.0.0.1:" + port() + "/ws?token=up-" + sessionRequests.size();
                                    return res.header("content-type", "application/json")
                                            .sendString(Mono.just("{\"wsUrl\":\"" + ws
                                                    + "\",\"token\":\"up-tok\",\"expiresInSeconds\":60}")).then();
                                }))
                        .ws("/ws", (in, out) -> {
                            Upstream upstream = new Upstream();
                            upstreams.add(upstream);
                            upstream.sendText("{\"type\":\"start\",\"callId\":\"GO\",\"sampleRate\":16000}");
                            Mono<Void> receive = in.receiveFrames().doOnNext(frame -> {
                                byte[] bytes = new byte[frame.content().readableBytes()];
                                frame.content().readBytes(bytes);
                                upstream.received.add(frame instanceof TextWebSocketFrame
                                        ? new String(bytes, StandardCharsets.UTF_8) : bytes);
                            }).then();
                            return Flux.merge(out.sendObject(upstream.out.asFlux().concatMap(frames -> frames, 1)).then(),
                                            receive).then()
                                    .doFinally(signal -> upstream.closed.complete(null));
                        }))
                .bindNow();
    }

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The status {@code /call/media/play} answers with from now on (409 = instance disconnected, 0 = never). */
    public void playAnswers(int status) {
        playStatus.set(status);
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
