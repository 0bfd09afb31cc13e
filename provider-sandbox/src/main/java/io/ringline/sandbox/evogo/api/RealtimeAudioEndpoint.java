package io.ringline.sandbox.evogo.api;

import java.time.Clock;

import io.ringline.sandbox.evogo.GoCallNotFoundException;
import io.ringline.sandbox.evogo.GoCallRefusedException;
import io.ringline.sandbox.evogo.GoSimulator;
import io.ringline.sandbox.evogo.RealtimeConnection;
import io.ringline.sandbox.evogo.realtime.RealtimeAudioSession;
import io.ringline.sandbox.evogo.realtime.RealtimeMetrics;
import io.ringline.sandbox.evogo.realtime.RealtimeTokenRefusedException;
import io.ringline.sandbox.evogo.realtime.RealtimeUrls;
import io.ringline.sandbox.evogo.realtime.UserVoices;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /evogo/{instance}/call/media/realtime/ws?callId=&token=}: the realtime audio WebSocket. The single-use
 * token is the credential (a WebSocket client cannot always send an {@code apikey} header), so this runs before
 * {@link GoApiFilter}. Every refusal is an HTTP error instead of the upgrade, so no audio ever flows on it: 401
 * unknown/used/expired/foreign token, 404 call forgotten, 409 call not active.
 */
@Component
// After Spring Security's chain (order -100: firewall, deny by default), before GoApiFilter (unordered = last).
@Order(-50)
class RealtimeAudioEndpoint implements WebFilter {

    private static final PathPattern WS = PathPatternParser.defaultInstance.parse(RealtimeUrls.WS_PATH);

    private final WebSocketService webSockets = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy());
    private final GoSimulator simulator;
    private final RealtimeMetrics metrics;
    private final UserVoices voices;
    private final GoErrorWriter errors;
    private final JsonMapper json;
    private final Clock clock;

    RealtimeAudioEndpoint(GoSimulator simulator, RealtimeMetrics metrics, UserVoices voices, GoErrorWriter errors,
            JsonMapper json, Clock clock) {
        this.simulator = simulator;
        this.metrics = metrics;
        this.voices = voices;
        this.errors = errors;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var match = WS.matchAndExtract(exchange.getRequest().getPath().pathWithinApplication());
        if (match == null) {
            return chain.filter(exchange);
        }
        return Mono.defer(() -> {
            var query = exchange.getRequest().getQueryParams();
            RealtimeConnection connection;
            try {
                connection = simulator.connectRealtime(match.getUriVariables().get("instance"),
                        query.getFirst("token"), query.getFirst("callId"));
            } catch (RealtimeTokenRefusedException e) {
                return refuse(exchange, HttpStatus.UNAUTHORIZED, e.getMessage());
            } catch (GoCallNotFoundException e) {
                return refuse(exchange, HttpStatus.NOT_FOUND, e.getMessage());
            } catch (GoCallRefusedException e) {
                return refuse(exchange, HttpStatus.CONFLICT, e.getMessage());
            }
            metrics.opened(connection.mode());
            var session = new RealtimeAudioSession(connection.call(), connection.mode(), voices, json, clock);
            return webSockets.handleRequest(exchange, session::run);
        });
    }

    private Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String message) {
        metrics.refused();
        return errors.write(exchange, status, message);
    }
}
