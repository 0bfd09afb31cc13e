package io.ringline.sandbox.evogo.realtime;

import java.time.Clock;
import java.time.Duration;

import io.ringline.sandbox.evogo.GoCall;
import io.ringline.sandbox.evogo.GoCallState;
import io.ringline.sandbox.sim.call.RealtimeStream;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One open realtime WebSocket: sends {@code start}, then the simulated user's voice every 20 ms while the call is
 * active (what the user was told to say, else a tone), then {@code stop} and a normal close once it ended; counts
 * what flows on the call's journal.
 */
public final class RealtimeAudioSession {

    static final Duration FRAME_INTERVAL = Duration.ofMillis(20);
    private static final CloseStatus CALL_ENDED = CloseStatus.NORMAL.withReason("call ended");

    private final GoCall call;
    private final RealtimeMode mode;
    private final UserVoices voices;
    private final JsonMapper json;
    private final Clock clock;

    public RealtimeAudioSession(GoCall call, RealtimeMode mode, UserVoices voices, JsonMapper json, Clock clock) {
        this.call = call;
        this.mode = mode;
        this.voices = voices;
        this.json = json;
        this.clock = clock;
    }

    /** Completes when the call ended (stop sent, closed 1000) or the client went away, whichever comes first. */
    public Mono<Void> run(WebSocketSession session) {
        RealtimeStream stream = call.journal().realtimeOpened(mode.wireName(), clock.instant());
        UserVoices.Voice voice = voices.attach(call.callId());
        // A client that vanishes without a close frame ends its session like one that closed properly.
        Mono<Void> inbound = session.receive()
                .doOnNext(message -> onClientMessage(message, stream, voice))
                .then()
                .onErrorComplete();
        Mono<Void> outbound = session.send(outbound(session, stream, voice))
                .then(Mono.defer(() -> session.close(CALL_ENDED)));
        return Mono.firstWithSignal(inbound, outbound)
                .doFinally(signal -> {
                    voices.detach(call.callId(), voice);
                    stream.closed(clock.instant());
                });
    }

    private Flux<WebSocketMessage> outbound(WebSocketSession session, RealtimeStream stream, UserVoices.Voice voice) {
        // The call state is checked on every tick: the call's end (any side, or the instance dropping) is seen
        // within one frame, without the call having to know about sockets. A client too slow to keep up loses
        // frames, as on a real-time link, instead of making the sandbox buffer without bound.
        Flux<WebSocketMessage> speech = Flux.interval(FRAME_INTERVAL)
                .onBackpressureDrop()
                .takeWhile(tick -> call.state() == GoCallState.ACTIVE)
                .map(tick -> {
                    byte[] said = voice.next();
                    byte[] frame = said != null ? said : voices.idleFrame(call.callId(), tick);
                    stream.sent(frame.length);
                    return session.binaryMessage(factory -> factory.wrap(frame));
                });
        return Flux.concat(
                Mono.fromSupplier(() -> text(session, new RealtimeMessages.Start(call.callId(), mode))),
                speech,
                Mono.fromSupplier(() -> text(session, RealtimeMessages.Stop.CALL_ENDED)));
    }

    private void onClientMessage(WebSocketMessage message, RealtimeStream stream, UserVoices.Voice voice) {
        switch (message.getType()) {
            case BINARY -> {
                int bytes = message.getPayload().readableByteCount();
                // PCM16 audio comes in whole samples; a listen session receives only.
                if (mode == RealtimeMode.TALK && bytes > 0 && bytes % 2 == 0) {
                    byte[] pcm = new byte[bytes];
                    message.getPayload().read(pcm);
                    stream.received(pcm, clock.instant());
                } else {
                    stream.refused(bytes);
                }
            }
            case TEXT -> {
                if (isClear(message.getPayloadAsText())) {
                    stream.cleared(voice.clear());
                }
            }
            case PING, PONG -> {
                // Keep-alives carry nothing to record.
            }
        }
    }

    private boolean isClear(String text) {
        try {
            JsonNode type = json.readTree(text).path("type");
            return type.isString() && "clear".equals(type.asString());
        } catch (JacksonException e) {
            return false; // A malformed control message is ignored, like an unknown one.
        }
    }

    private WebSocketMessage text(WebSocketSession session, Object message) {
        return session.textMessage(json.writeValueAsString(message));
    }
}
