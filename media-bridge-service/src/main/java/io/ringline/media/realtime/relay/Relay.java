package io.ringline.media.realtime.relay;

import io.ringline.media.realtime.SessionGrant;
import io.ringline.media.realtime.SessionMode;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One public realtime session relayed to its Evolution GO upstream (SPEC §6.3).
 *
 * <p>What waits to be sent, both directions together, is bounded by {@code maxQueuedBytes}: when a reader (the
 * client, or GO) is too slow for that, the session ends at once — queued audio discarded, close 1008 with reason
 * {@code slow consumer} — rather than buffering without limit or relaying audio with holes in it.
 * Client frames: an even-length binary frame is PCM16 and goes upstream; an odd-length one ends the session
 * ({@code stop} + close 1007); any binary frame on a {@code listen} session ends it ({@code stop} + close
 * 1008) and is never forwarded; {@code {"type":"clear"}} is forwarded; other text is ignored. Upstream:
 * binary goes to the client byte for byte; its {@code stop} or its close ends the session ({@code stop} +
 * close 1000). The client gets our own {@code start} first and never GO's.
 */
final class Relay {

    private sealed interface Out permits Audio, Text {
        int size();
    }

    private record Audio(byte[] bytes) implements Out {
        public int size() {
            return bytes.length;
        }
    }

    private record Text(String json) implements Out {
        public int size() {
            return json.length();
        }
    }

    static final String SLOW_CONSUMER = "slow consumer";

    private final SessionGrant grant;
    private final WebSocketSession client;
    private final WebSocketClient upstreamClient;
    private final JsonMapper json;
    private final RelayMetrics metrics;
    private final Sinks.Many<Out> toClient = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Many<Out> toUpstream = Sinks.many().unicast().onBackpressureBuffer();
    /** Fires when the session must end without sending what is still queued. */
    private final Sinks.Empty<Void> abort = Sinks.empty();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final long maxQueuedBytes;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile CloseStatus closeStatus = CloseStatus.NORMAL;

    Relay(SessionGrant grant, WebSocketSession client, WebSocketClient upstreamClient, JsonMapper json,
            RelayMetrics metrics, long maxQueuedBytes) {
        this.grant = grant;
        this.client = client;
        this.upstreamClient = upstreamClient;
        this.json = json;
        this.metrics = metrics;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    String callId() {
        return grant.callId();
    }

    Mono<Void> run() {
        offer(toClient, new Text(json.writeValueAsString(Map.of("type", "start", "callId", grant.callId(),
                "sampleRate", 16000, "channels", 1, "mode", grant.mode().wire()))), null);
        Mono<Void> clientSend = client.send(outgoing(toClient).map(out -> message(client, out)))
                .then(Mono.defer(() -> client.close(closeStatus)));
        Mono<Void> clientReceive = client.receive().doOnNext(this::fromClient).then()
                .doFinally(signal -> finish(CloseStatus.NORMAL, null)); // the client left: nobody to tell
        Mono<Void> upstream = upstreamClient.execute(grant.upstream(), up -> Mono.when(
                        up.receive().doOnNext(this::fromUpstream).then()
                                .doFinally(signal -> finish(CloseStatus.NORMAL, "upstream closed")),
                        up.send(outgoing(toUpstream).map(out -> message(up, out))).then(Mono.defer(up::close))))
                .onErrorResume(e -> {
                    finish(CloseStatus.SERVER_ERROR, "upstream unavailable");
                    return Mono.empty();
                });
        return Mono.when(clientSend, clientReceive, upstream);
    }

    /** Ends the session once: {@code stop} with the reason (when the client is still there to read it), then close. */
    void finish(CloseStatus status, String reason) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        closeStatus = status;
        if (reason != null) {
            offer(toClient, new Text(json.writeValueAsString(Map.of("type", "stop", "reason", reason))), null);
        }
        complete(toClient);
        complete(toUpstream);
    }

    private void fromClient(WebSocketMessage message) {
        switch (message.getType()) {
            case BINARY -> {
                byte[] bytes = copy(message);
                if (grant.mode() == SessionMode.LISTEN) {
                    finish(CloseStatus.POLICY_VIOLATION, "audio is not accepted on a listen session");
                } else if (bytes.length % 2 != 0) {
                    finish(CloseStatus.BAD_DATA, "PCM16 frames must have an even length");
                } else {
                    offer(toUpstream, new Audio(bytes), RelayMetrics.TO_PROVIDER);
                }
            }
            case TEXT -> {
                if ("clear".equals(type(message))) {
                    offer(toUpstream, new Text("{\"type\":\"clear\"}"), null);
                }
            }
            default -> {
            }
        }
    }

    private void fromUpstream(WebSocketMessage message) {
        switch (message.getType()) {
            case BINARY -> offer(toClient, new Audio(copy(message)), RelayMetrics.TO_CLIENT);
            case TEXT -> {
                JsonNode control = parse(message.getPayloadAsText());
                if ("stop".equals(control.path("type").asString(""))) {
                    finish(CloseStatus.NORMAL, control.path("reason").asString("call ended"));
                }
            }
            default -> {
            }
        }
    }

    /** A direction's messages as they leave the queue (uncounted), until the session is aborted. */
    private Flux<Out> outgoing(Sinks.Many<Out> sink) {
        return sink.asFlux()
                .doOnNext(out -> queuedBytes.addAndGet(-out.size()))
                .takeUntilOther(abort.asMono());
    }

    /** @param direction counted when the frame is audio; null for control messages */
    private void offer(Sinks.Many<Out> sink, Out out, String direction) {
        if (queuedBytes.addAndGet(out.size()) > maxQueuedBytes) {
            abort(direction == null || direction.equals(RelayMetrics.TO_CLIENT) ? "client" : "provider");
            return;
        }
        Sinks.EmitResult result;
        do {
            result = sink.tryEmitNext(out);
        } while (result == Sinks.EmitResult.FAIL_NON_SERIALIZED); // another thread is emitting right now
        if (direction != null && result.isSuccess()) {
            metrics.frame(direction);
        }
    }

    /**
     * Ends the session at once because {@code whoIsSlow} does not read fast enough: what is queued is dropped and
     * both connections close (the client with 1008, reason {@code slow consumer}).
     */
    private void abort(String whoIsSlow) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        metrics.limited(RelayMetrics.QUEUED_BYTES);
        closeStatus = CloseStatus.POLICY_VIOLATION.withReason(SLOW_CONSUMER + " (" + whoIsSlow + ")");
        abort.tryEmitEmpty();
    }

    private static void complete(Sinks.Many<Out> sink) {
        while (sink.tryEmitComplete() == Sinks.EmitResult.FAIL_NON_SERIALIZED) {
            Thread.onSpinWait();
        }
    }

    private static WebSocketMessage message(WebSocketSession session, Out out) {
        return switch (out) {
            case Audio audio -> session.binaryMessage(factory -> factory.wrap(audio.bytes()));
            case Text text -> session.textMessage(text.json());
        };
    }

    /** The payload is released after the handler returns, so it is copied out right away. */
    private static byte[] copy(WebSocketMessage message) {
        byte[] bytes = new byte[message.getPayload().readableByteCount()];
        message.getPayload().read(bytes);
        return bytes;
    }

    private String type(WebSocketMessage message) {
        return parse(message.getPayloadAsText()).path("type").asString("");
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (RuntimeException notJson) {
            return json.createObjectNode();
        }
    }
}
