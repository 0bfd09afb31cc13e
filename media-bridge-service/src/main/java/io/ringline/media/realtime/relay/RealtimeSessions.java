package io.ringline.media.realtime.relay;

import io.netty.channel.ChannelOption;
import io.ringline.media.config.AddressGuard;
import io.ringline.media.config.MediaProperties;
import io.ringline.media.livecall.CallEndedListener;
import io.ringline.media.realtime.SessionTokens;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public WebSocket {@code /v1/realtime?token=}: a used, expired or unknown token is closed with 1008
 * before anything is sent; a valid one starts a {@link Relay}. Keeps the open relays, so a call's end
 * (from call-events) stops its sessions.
 */
@Component
public class RealtimeSessions implements WebSocketHandler, CallEndedListener, SmartLifecycle {

    private final SessionTokens tokens;
    private final JsonMapper json;
    private final RelayMetrics metrics;
    private final int bufferFrames;
    private final WebSocketClient upstreamClient;
    private final Set<Relay> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    RealtimeSessions(SessionTokens tokens, JsonMapper json, RelayMetrics metrics, MediaProperties props,
            AddressGuard guard) {
        this.upstreamClient = upstreamClient(guard, props.providerTimeout());
        this.tokens = tokens;
        this.json = json;
        this.metrics = metrics;
        this.bufferFrames = props.sessionBufferFrames();
    }

    /**
     * The client for GO's realtime stream: its URL came from the tenant's GO, so it connects through the address
     * guard (refused destinations get no connection; the session ends "upstream unavailable", 1011).
     */
    static WebSocketClient upstreamClient(AddressGuard guard, Duration connectTimeout) {
        return new ReactorNettyWebSocketClient(guard.apply(HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())));
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        String token = UriComponentsBuilder.fromUri(session.getHandshakeInfo().getUri()).build()
                .getQueryParams().getFirst("token");
        return tokens.redeem(token)
                .flatMap(grant -> {
                    Relay relay = new Relay(grant, session, upstreamClient, json, metrics, bufferFrames);
                    open.add(relay);
                    metrics.opened(grant.mode());
                    return relay.run().doFinally(signal -> {
                        open.remove(relay);
                        metrics.closed(grant.mode());
                    });
                })
                .switchIfEmpty(Mono.defer(() -> session.close(
                        CloseStatus.POLICY_VIOLATION.withReason("invalid, used or expired session token"))));
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

    @Override
    public void callEnded(String callId) {
        open.stream().filter(relay -> relay.callId().equals(callId))
                .forEach(relay -> relay.finish(CloseStatus.NORMAL, "call ended"));
    }
}
