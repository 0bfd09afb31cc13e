package io.ringline.media.realtime.relay;

import io.ringline.media.notices.CallNoticeHandler;
import io.ringline.media.notices.CallNotices;
import io.ringline.media.realtime.Dialect;
import io.ringline.media.realtime.SessionTokens;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public realtime WebSockets: {@code /v1/realtime?token=} (protocol 2) and Evolution GO's own path
 * {@code /call/media/realtime/ws?callId=&token=} (GO's protocol, for sessions opened through the GO layer). A used,
 * expired or unknown token, a token of the other path's dialect, or (GO path) a {@code callId} that is not the
 * token's call, is closed with 1008 before anything is sent; so is a session beyond
 * {@link RealtimeLimits#maxSessionsPerCall()} of its call on this instance; a valid one starts a {@link Relay}.
 * Keeps the open relays, so a call's end and its plays' ends (from call-events, seen by every instance) reach
 * its sessions.
 */
@Component
public class RealtimeSessions implements SmartLifecycle, CallNoticeHandler {

    private final SessionTokens tokens;
    private final JsonMapper json;
    private final RelayMetrics metrics;
    private final RealtimeLimits limits;
    private final Pacer pacer;
    private final InstanceBuffers buffers;
    private final WebSocketClient upstreamClient;
    private final CallNotices notices;
    private final Set<Relay> open = ConcurrentHashMap.newKeySet();
    /** Open sessions per call on this instance. */
    private final Map<String, Integer> perCall = new ConcurrentHashMap<>();
    private volatile boolean running;

    /** {@code upstreamClient}: GO's realtime stream, through the address guard ({@link RelayConfiguration}). */
    RealtimeSessions(SessionTokens tokens, JsonMapper json, RelayMetrics metrics, RealtimeLimits limits,
            WebSocketClient upstreamClient, Pacer pacer, InstanceBuffers buffers, CallNotices notices) {
        this.tokens = tokens;
        this.buffers = buffers;
        this.notices = notices;
        this.pacer = pacer;
        this.json = json;
        this.metrics = metrics;
        this.limits = limits;
        this.upstreamClient = upstreamClient;
    }

    /** The handler of one dialect's path. */
    WebSocketHandler handler(Dialect dialect) {
        return session -> handle(session, dialect);
    }

    private Mono<Void> handle(WebSocketSession session, Dialect dialect) {
        var query = UriComponentsBuilder.fromUri(session.getHandshakeInfo().getUri()).build().getQueryParams();
        String callId = dialect == Dialect.EVOLUTION_GO ? query.getFirst("callId") : null;
        return tokens.redeem(query.getFirst("token"))
                .filter(grant -> grant.dialect() == dialect
                        && (callId == null || callId.equals(grant.externalCallId())))
                .flatMap(grant -> {
                    if (!reserve(grant.callId())) {
                        metrics.limited(RelayMetrics.SESSIONS_PER_CALL);
                        return session.close(CloseStatus.POLICY_VIOLATION.withReason("too many sessions for this call"));
                    }
                    Relay relay = new Relay(grant, session, upstreamClient, json, metrics, limits, buffers, pacer,
                            System::nanoTime);
                    CallNotices.Hold hold = notices.hold(); // its call's end and its plays' ends must reach it
                    open.add(relay);
                    metrics.opened(grant.mode());
                    return relay.run().doFinally(signal -> {
                        open.remove(relay);
                        hold.close();
                        release(grant.callId());
                        metrics.closed(grant.mode());
                    });
                })
                .switchIfEmpty(Mono.defer(() -> session.close(
                        CloseStatus.POLICY_VIOLATION.withReason("invalid, used or expired session token"))));
    }

    /** Takes one of the call's session slots on this instance; false when they are all taken. */
    private boolean reserve(String callId) {
        boolean[] reserved = {false};
        perCall.compute(callId, (id, count) -> {
            int current = count == null ? 0 : count;
            if (current >= limits.maxSessionsPerCall()) {
                return count;
            }
            reserved[0] = true;
            return current + 1;
        });
        return reserved[0];
    }

    private void release(String callId) {
        perCall.computeIfPresent(callId, (id, count) -> count <= 1 ? null : count - 1);
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Runs before the web server's graceful shutdown (a later phase stops first): open sessions would
     * otherwise hold it for its whole timeout. Clients get {@code stop} and 1001 (going away).
     */
    @Override
    public void stop() {
        running = false;
        open.forEach(relay -> relay.finish(CloseStatus.GOING_AWAY, "server shutting down"));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops the call's sessions on this instance: {@code stop} ("call ended") and close 1000. */
    @Override
    public void callEnded(String callId) {
        open.stream().filter(relay -> relay.callId().equals(callId))
                .forEach(relay -> relay.finish(CloseStatus.NORMAL, "call ended"));
    }

    /** Tells the call's protocol-2 sessions on this instance that a play ended. */
    @Override
    public void playFinished(String callId, String playId, String outcome) {
        open.stream().filter(relay -> relay.callId().equals(callId) && relay.messages().v2())
                .forEach(relay -> relay.tell(relay.messages().playFinished(playId, outcome)));
    }
}
