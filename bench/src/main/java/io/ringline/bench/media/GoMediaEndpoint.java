package io.ringline.bench.media;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The Evolution GO media side of the benchmark's realtime sessions, in the generator: the sandbox answers GO's
 * {@code POST /call/media/realtime/session} (call state, token) with a {@code wsUrl} under this endpoint
 * ({@code sandbox.realtime.public-base-url}, set by {@code BenchPlatformSettings}), so the bridge's upstream
 * WebSocket lands here and both ends of every session share the generator's clock. It answers
 * {@code /evogo/{instance}/call/media/realtime/ws?callId=&token=} for the sessions the scenario registered (by GO
 * CallID); anything else is a 404, counted.
 */
public final class GoMediaEndpoint implements AutoCloseable {

    static final String WS_SUFFIX = "/call/media/realtime/ws";

    private final Map<String, MediaSession> sessions = new ConcurrentHashMap<>();
    private final LongAdder unmatched = new LongAdder();
    private final DisposableServer server;

    private GoMediaEndpoint() {
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> {
                    QueryStringDecoder query = new QueryStringDecoder(request.uri());
                    MediaSession session = query.path().startsWith("/evogo/") && query.path().endsWith(WS_SUFFIX)
                            ? sessions.get(query.parameters().getOrDefault("callId", List.of("")).getFirst()) : null;
                    if (session == null) {
                        unmatched.increment();
                        return response.status(404).send();
                    }
                    return response.sendWebsocket((in, out) -> session.goSide(in, out));
                })
                .bindNow(Duration.ofSeconds(10));
    }

    /** Listens on a free loopback port; frames arriving are counted and timed in their session's flow. */
    public static GoMediaEndpoint start() {
        return new GoMediaEndpoint();
    }

    /** What the sandbox's {@code sandbox.realtime.public-base-url} must be for the bridge to connect here. */
    public String baseUrl() {
        return "ws://127.0.0.1:" + server.port();
    }

    /** The URL a control session connects to straight, without the bridge (see {@code MediaScenario}). */
    public String directUrl(String goCallId) {
        return baseUrl() + "/evogo/direct" + WS_SUFFIX + "?callId=" + goCallId;
    }

    public void register(MediaSession session) {
        sessions.put(session.goCallId(), session);
    }

    public void unregister(MediaSession session) {
        sessions.remove(session.goCallId(), session);
    }

    /** Connections for no registered session (would mean the sandbox handed out a URL we did not expect). */
    public long unmatched() {
        return unmatched.sum();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(10));
    }
}
