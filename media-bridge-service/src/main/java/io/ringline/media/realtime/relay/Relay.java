package io.ringline.media.realtime.relay;

import io.ringline.media.realtime.PlayoutMode;
import io.ringline.media.realtime.SessionGrant;
import io.ringline.media.realtime.SessionMode;
import io.ringline.media.realtime.audio.AudioConverter;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
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
 * One public realtime session relayed to its Evolution GO upstream (SPEC §6.3, docs/api.md "Realtime protocol").
 *
 * <p>Client → GO: audio (binary frames, or {@code media} text frames on {@code json} framing) in the session's
 * format is converted to PCM16 16 kHz and queued on the session's {@link Playout}, which the {@link Pacer} plays
 * to GO at real time (a {@code live} playout drops what would play more than {@code live-max-delay} late);
 * {@code mark} is echoed once the audio before it has played; {@code clear} drops the queue,
 * is forwarded to GO and answered {@code cleared} with the marks dropped. Audio on a {@code listen} session ends
 * it ({@code stop} + 1008); a frame that is not whole samples ends it ({@code stop} + 1007).
 * GO → client: audio converted to the session's format, framed as asked, with a sequence number and media
 * timestamp ({@code media} frames carry them; binary framing gets a {@code media-info} text before every 50th
 * frame); GO's {@code stop} or close ends the session ({@code stop} + 1000). The client gets our {@code start}
 * first and never GO's.
 *
 * <p>Memory is bounded three times: the playout holds at most {@code max-buffered-audio} of client audio (more is
 * refused with a {@code BUFFER_FULL} error, the session stays open); what waits to be written to either socket is
 * bounded by {@code max-queued-bytes}: a reader too slow for that ends the session at once (queues dropped, 1008
 * {@code slow consumer}) rather than buffering without limit or relaying audio with holes; and the same bytes count
 * in the instance's total ({@link InstanceBuffers}), over which the sessions furthest behind end the same way.
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
    /** What a session's queued bytes read once it has ended: its share of the instance's total is given back. */
    private static final long ACCOUNTS_CLOSED = Long.MIN_VALUE / 2;
    /** Binary framing: a {@code media-info} before the first GO frame and every this many after it. */
    static final int MEDIA_INFO_EVERY = 50;
    /** Longest mark name echoed; longer (or missing) names make the mark ignored. */
    static final int MAX_MARK_NAME = 256;

    private final SessionGrant grant;
    private final WebSocketSession client;
    private final WebSocketClient upstreamClient;
    private final JsonMapper json;
    private final RelayMetrics metrics;
    private final ClientMessages messages;
    private final Playout playout;
    private final Pacer pacer;
    private final LongSupplier nanoClock;
    private final long maxBufferedMillis;
    private final AudioConverter inbound;
    private final AudioConverter outbound;
    private final Runnable tick = this::pace;
    /** What the live playout dropped and the client has not been told yet; also the lock {@link #pace} holds. */
    private final LateDrops lateDrops = new LateDrops();
    private final Sinks.Many<Out> toClient = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Many<Out> toUpstream = Sinks.many().unicast().onBackpressureBuffer();
    /** Fires when the session must end without sending what is still queued. */
    private final Sinks.Empty<Void> abort = Sinks.empty();
    /** Bytes in this session's two queues, also counted in {@link #buffers}; {@link #ACCOUNTS_CLOSED} and below once ended. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final long maxQueuedBytes;
    private final InstanceBuffers buffers;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile CloseStatus closeStatus = CloseStatus.NORMAL;
    /** GO frames received (the sequence of the next is this + 1), and PCM16 16 kHz samples before it. */
    private long upstreamFrames;
    private long upstreamSamples;

    Relay(SessionGrant grant, WebSocketSession client, WebSocketClient upstreamClient, JsonMapper json,
            RelayMetrics metrics, RealtimeLimits limits, InstanceBuffers buffers, Pacer pacer, LongSupplier nanoClock) {
        this.grant = grant;
        this.client = client;
        this.upstreamClient = upstreamClient;
        this.json = json;
        this.metrics = metrics;
        this.maxQueuedBytes = limits.maxQueuedBytes().toBytes();
        this.buffers = buffers;
        this.messages = new ClientMessages(grant, json);
        this.maxBufferedMillis = limits.maxBufferedAudio().toMillis();
        this.playout = new Playout(limits.maxBufferedAudio().toMillis() * 32, limits.playoutLead().toNanos(),
                grant.playout() == PlayoutMode.LIVE ? limits.liveMaxDelay().toNanos() : Long.MAX_VALUE);
        this.pacer = pacer;
        this.nanoClock = nanoClock;
        this.inbound = AudioConverter.toClient(grant.format());
        this.outbound = AudioConverter.fromClient(grant.format());
    }

    String callId() {
        return grant.callId();
    }

    Mono<Void> run() {
        buffers.opened();
        offer(toClient, new Text(messages.start()), null);
        pacer.register(tick);
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
        return Mono.when(clientSend, clientReceive, upstream).doFinally(signal -> {
            pacer.unregister(tick);
            closeAccounts();
        });
    }

    /** Gives the instance back what this session still has queued (dropped with it); later offers queue nothing. */
    private void closeAccounts() {
        long left = queuedBytes.getAndSet(ACCOUNTS_CLOSED);
        if (left > 0) {
            buffers.release(left);
        }
        buffers.closed();
    }

    /** Ends the session once: {@code stop} with the reason (when the client is still there to read it), then close. */
    void finish(CloseStatus status, String reason) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        pacer.unregister(tick);
        closeStatus = status;
        if (reason != null) {
            tellOwedDrops();
            offer(toClient, new Text(messages.stop(reason)), null);
        }
        complete(toClient);
        complete(toUpstream);
    }

    /** A text message for the client about its call (e.g. a play that finished); dropped once the session ends. */
    void tell(String text) {
        if (!finished.get()) {
            offer(toClient, new Text(text), null);
        }
    }

    ClientMessages messages() {
        return messages;
    }

    private void fromClient(WebSocketMessage message) {
        switch (message.getType()) {
            case BINARY -> audioFromClient(copy(message));
            case TEXT -> controlFromClient(parse(message.getPayloadAsText()));
            default -> {
            }
        }
    }

    private void controlFromClient(JsonNode control) {
        switch (control.path("type").asString("")) {
            case "media" -> {
                byte[] audio;
                try {
                    audio = Base64.getDecoder().decode(control.path("payload").asString(""));
                } catch (IllegalArgumentException notBase64) {
                    finish(CloseStatus.BAD_DATA, "media payload must be base64");
                    return;
                }
                audioFromClient(audio);
            }
            case "mark" -> {
                String name = control.path("name").isString() ? control.get("name").asString() : null;
                if (name != null && !name.isEmpty() && name.length() <= MAX_MARK_NAME) {
                    playout.mark(name);
                    pace();
                }
            }
            case "clear" -> {
                List<String> cleared = playout.clear(nanoClock.getAsLong());
                offer(toUpstream, new Text("{\"type\":\"clear\"}"), null);
                if (messages.v2()) {
                    offer(toClient, new Text(messages.cleared(cleared)), null);
                }
            }
            default -> {
            }
        }
    }

    private void audioFromClient(byte[] bytes) {
        if (grant.mode() == SessionMode.LISTEN) {
            finish(CloseStatus.POLICY_VIOLATION, "audio is not accepted on a listen session");
        } else if (bytes.length % grant.format().bytesPerSample() != 0) {
            finish(CloseStatus.BAD_DATA, "PCM16 frames must have an even length");
        } else if (bytes.length > 0) {
            Playout.Offer offered = playout.offer(outbound.convert(bytes));
            if (offered == Playout.Offer.REFUSED) {
                metrics.bufferFull();
                offer(toClient, new Text(messages.bufferFull(playout.bufferedMillis(), maxBufferedMillis)), null);
            } else if (offered == Playout.Offer.ACCEPTED) {
                pace();
            }
        }
    }

    /** A live playout's drops not told yet (within a second of the last report), before the session's {@code stop}. */
    private void tellOwedDrops() {
        synchronized (lateDrops) {
            LateDrops.Report owed = lateDrops.owed();
            if (owed != null && messages.v2()) {
                offer(toClient, new Text(messages.dropped(owed)), null);
            }
        }
    }

    /** Sends GO what the playout says is due now, and the client the marks that have played. */
    private void pace() {
        if (finished.get()) {
            return;
        }
        synchronized (lateDrops) { // the client's thread and the pacer's: one report per drop, after its marks
            long now = nanoClock.getAsLong();
            long dropped = playout.drain(now,
                    frame -> offer(toUpstream, new Audio(frame), RelayMetrics.TO_PROVIDER),
                    name -> {
                        if (messages.v2()) {
                            offer(toClient, new Text(messages.mark(name)), null);
                        }
                    });
            if (dropped > 0) {
                metrics.lateAudioDropped(dropped * Playout.NANOS_PER_BYTE / 1_000_000.0);
            }
            LateDrops.Report report = lateDrops.paced(dropped, now);
            if (report != null && messages.v2()) {
                offer(toClient, new Text(messages.dropped(report)), null);
            }
        }
    }

    private void fromUpstream(WebSocketMessage message) {
        switch (message.getType()) {
            case BINARY -> audioFromUpstream(copy(message));
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

    private void audioFromUpstream(byte[] pcm) {
        long seq = ++upstreamFrames;
        long timestampMs = upstreamSamples * 1000 / 16_000;
        upstreamSamples += pcm.length / 2;
        byte[] audio = inbound.convert(pcm.length % 2 == 0 ? pcm : java.util.Arrays.copyOf(pcm, pcm.length - 1));
        if (messages.jsonFraming()) {
            offer(toClient, new Text(messages.media(seq, timestampMs, audio)), RelayMetrics.TO_CLIENT);
            return;
        }
        if (messages.v2() && (seq - 1) % MEDIA_INFO_EVERY == 0) {
            offer(toClient, new Text(messages.mediaInfo(seq, timestampMs)), null);
        }
        offer(toClient, new Audio(audio), RelayMetrics.TO_CLIENT);
    }

    /** A direction's messages as they leave the queue (uncounted), until the session is aborted. */
    private Flux<Out> outgoing(Sinks.Many<Out> sink) {
        return sink.asFlux()
                .doOnNext(out -> unqueue(out.size()))
                .takeUntilOther(abort.asMono());
    }

    /** @param direction counted when the frame is audio; null for control messages */
    private void offer(Sinks.Many<Out> sink, Out out, String direction) {
        String whoIsSlow = sink == toClient ? "client" : "provider";
        int size = out.size();
        long mine = queuedBytes.get();
        // The instance first: a session that ends meanwhile gives back what it counted, this included or not.
        if (mine >= 0 && !buffers.admit(mine, size)) {
            abort(whoIsSlow + ", bridge buffers full", RelayMetrics.INSTANCE_QUEUED_BYTES);
            return;
        }
        long after = queuedBytes.addAndGet(size);
        if (after < 0 || mine < 0) { // ended: nothing more is queued, and the instance already has its bytes back
            if (mine >= 0) {
                buffers.release(size);
            }
            return;
        }
        if (after > maxQueuedBytes) {
            unqueue(size);
            abort(whoIsSlow, RelayMetrics.QUEUED_BYTES);
            return;
        }
        Sinks.EmitResult result;
        do {
            result = sink.tryEmitNext(out);
        } while (result == Sinks.EmitResult.FAIL_NON_SERIALIZED); // another thread is emitting right now
        if (!result.isSuccess()) {
            unqueue(size);
        } else if (direction != null) {
            metrics.frame(direction);
        }
    }

    /** Bytes that left a queue (written, or never queued): the instance gets them back unless the session ended. */
    private void unqueue(int size) {
        if (queuedBytes.addAndGet(-size) >= 0) {
            buffers.release(size);
        }
    }

    /**
     * Ends the session at once because {@code whoIsSlow} does not read fast enough: what is queued is dropped and
     * both connections close (the client with 1008, reason {@code slow consumer}).
     */
    private void abort(String whoIsSlow, String limit) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        pacer.unregister(tick);
        metrics.limited(limit);
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

    private JsonNode parse(String text) {
        try {
            JsonNode node = json.readTree(text);
            return node == null ? json.createObjectNode() : node;
        } catch (RuntimeException notJson) {
            return json.createObjectNode();
        }
    }
}
