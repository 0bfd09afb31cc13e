package io.ringline.bench.media;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * Both ends of one relayed realtime session, held by the generator: the tenant's client (a WebSocket to the
 * bridge's {@code wsUrl}) and the Evolution GO media side the bridge connects to ({@link GoMediaEndpoint}). The
 * {@link FramePacer} feeds both with stamped 20 ms frames at real time while the session streams.
 */
public final class MediaSession {

    private final int index;
    private final String goCallId;
    private final FrameFlow toProvider;
    private final FrameFlow toClient;
    private final Sinks.Many<byte[]> clientOut = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Many<byte[]> goOut = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.One<Boolean> started = Sinks.one();
    private final Sinks.One<Boolean> goAttached = Sinks.one();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean streaming;
    private volatile String endedBy;
    private volatile long bufferFullErrors;
    // Touched by the pacer's thread only.
    long nextClientNanos;
    long nextGoNanos;
    long clientSeq;
    long goSeq;

    /** @param toProvider, toClient where the two directions' frames are counted and timed */
    public MediaSession(int index, String goCallId, FrameFlow toProvider, FrameFlow toClient) {
        this.index = index;
        this.goCallId = goCallId;
        this.toProvider = toProvider;
        this.toClient = toClient;
    }

    FrameFlow toProvider() {
        return toProvider;
    }

    FrameFlow toClient() {
        return toClient;
    }

    public int index() {
        return index;
    }

    public String goCallId() {
        return goCallId;
    }

    /**
     * Opens the client's WebSocket; the returned Mono completes once the bridge sent {@code start} and connected
     * to the GO side (errors when either does not happen within {@code within}). The socket lives on until
     * {@link #close()} or the bridge ends it.
     */
    public Mono<Void> connect(HttpClient client, String wsUrl, Duration within) {
        client.websocket().uri(wsUrl)
                .handle((in, out) -> clientSide(in, out, toClient))
                .doOnError(e -> ended("client socket: " + e.getClass().getSimpleName()))
                .onErrorResume(e -> Mono.empty())
                .subscribe();
        return Mono.when(started.asMono(), goAttached.asMono()).timeout(within);
    }

    private Mono<Void> clientSide(WebsocketInbound in, WebsocketOutbound out, FrameFlow toClient) {
        Mono<Void> receive = in.receiveFrames().doOnNext(frame -> fromBridge(frame, toClient)).then()
                .doFinally(signal -> {
                    ended("bridge closed the client socket");
                    complete(clientOut);
                });
        Mono<Void> send = out.sendObject(clientOut.asFlux().map(b -> new BinaryWebSocketFrame(Unpooled.wrappedBuffer(b))))
                .then().then(Mono.defer(() -> out.sendClose(1000, "done")));
        return Mono.when(receive, send);
    }

    private void fromBridge(WebSocketFrame frame, FrameFlow toClient) {
        if (frame instanceof BinaryWebSocketFrame) {
            toClient.received(StampedFrame.read(frame.content()), frame.content().readableBytes(), System.nanoTime());
        } else if (frame instanceof TextWebSocketFrame text) {
            String json = text.text();
            if (json.contains("\"type\":\"start\"")) {
                started.tryEmitValue(true);
            } else if (json.contains("\"type\":\"stop\"")) {
                ended("bridge sent stop: " + json);
            } else if (json.contains("BUFFER_FULL")) {
                bufferFullErrors++;
            }
        }
    }

    /** The bridge's upstream connection arrived at the GO side. */
    Mono<Void> goSide(WebsocketInbound in, WebsocketOutbound out) {
        goAttached.tryEmitValue(true);
        Mono<Void> receive = in.receiveFrames()
                .doOnNext(frame -> {
                    if (frame instanceof BinaryWebSocketFrame) {
                        toProvider.received(StampedFrame.read(frame.content()), frame.content().readableBytes(),
                                System.nanoTime());
                    }
                })
                .then()
                .doFinally(signal -> complete(goOut));
        String start = "{\"type\":\"start\",\"callId\":\"" + goCallId
                + "\",\"sampleRate\":16000,\"channels\":1,\"mode\":\"talk\"}";
        Mono<Void> send = out.sendObject(Flux.concat(Mono.just(new TextWebSocketFrame(start)),
                goOut.asFlux().map(b -> new BinaryWebSocketFrame(Unpooled.wrappedBuffer(b))))).then();
        return Mono.when(receive, send);
    }

    /** From {@code nowNanos} on, both ends send a frame every 20 ms. */
    void startStreaming(long nowNanos) {
        nextClientNanos = nowNanos;
        nextGoNanos = nowNanos + FramePacer.FRAME_NANOS / 2; // the two directions' writes interleave
        streaming = true;
    }

    void stopStreaming() {
        streaming = false;
    }

    boolean streaming() {
        return streaming && endedBy == null;
    }

    void sendFromClient(byte[] frame) {
        emit(clientOut, frame);
    }

    void sendFromGo(byte[] frame) {
        emit(goOut, frame);
    }

    /** The client leaves (the bridge then closes its GO side). */
    public void close() {
        if (closing.compareAndSet(false, true)) {
            streaming = false;
            complete(clientOut);
        }
    }

    /** Why the session ended before the generator closed it; null while it is open or when the generator closed it. */
    public String endedUnexpectedly() {
        return closing.get() ? null : endedBy;
    }

    public long bufferFullErrors() {
        return bufferFullErrors;
    }

    private void ended(String why) {
        if (endedBy == null) {
            endedBy = why;
        }
    }

    private static void emit(Sinks.Many<byte[]> sink, byte[] frame) {
        while (sink.tryEmitNext(frame) == Sinks.EmitResult.FAIL_NON_SERIALIZED) {
            Thread.onSpinWait();
        }
    }

    private static void complete(Sinks.Many<byte[]> sink) {
        while (sink.tryEmitComplete() == Sinks.EmitResult.FAIL_NON_SERIALIZED) {
            Thread.onSpinWait();
        }
    }
}
