package io.ringline.sandbox.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;


/** A real WebSocket client (Reactor Netty) that records every frame it gets and sends frames on request. */
public final class RealtimeClient implements AutoCloseable {

    /** A received frame: text or binary content; {@code atNanos} = arrival. */
    public record Frame(String text, byte[] binary, long atNanos) {
        public boolean isText() {
            return text != null;
        }

        public int binaryLength() {
            return binary.length;
        }
    }

    private final List<Frame> frames = new CopyOnWriteArrayList<>();
    private final Sinks.Many<WebSocketFrame> outbound = Sinks.many().unicast().onBackpressureBuffer();
    private final Disposable connection;
    private volatile WebSocketCloseStatus closeStatus;
    private volatile Throwable failure;
    private volatile boolean done;

    private RealtimeClient(String url) {
        connection = HttpClient.create()
                .websocket()
                .uri(url)
                .handle((in, out) -> {
                    in.receiveCloseStatus().subscribe(status -> closeStatus = status);
                    out.sendObject(outbound.asFlux()).then().subscribe(null, error -> { });
                    return in.receiveFrames().doOnNext(this::record).then();
                })
                .subscribe(null, error -> {
                    failure = error;
                    done = true;
                }, () -> done = true);
    }

    public static RealtimeClient connect(String url) {
        return new RealtimeClient(url);
    }

    private void record(WebSocketFrame frame) {
        long at = System.nanoTime();
        if (frame instanceof TextWebSocketFrame text) {
            frames.add(new Frame(text.text(), null, at));
        } else if (frame instanceof BinaryWebSocketFrame binary) {
            byte[] content = new byte[binary.content().readableBytes()];
            binary.content().getBytes(binary.content().readerIndex(), content);
            frames.add(new Frame(null, content, at));
        }
    }

    public void sendBinary(byte[] bytes) {
        outbound.tryEmitNext(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }

    public void sendText(String text) {
        outbound.tryEmitNext(new TextWebSocketFrame(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
    }

    public List<Frame> frames() {
        return List.copyOf(frames);
    }

    public List<Frame> binaryFrames() {
        return frames.stream().filter(frame -> !frame.isText()).toList();
    }

    public List<String> texts() {
        return frames.stream().filter(Frame::isText).map(Frame::text).toList();
    }

    public WebSocketCloseStatus closeStatus() {
        return closeStatus;
    }

    /** True once the connection ended, normally or not. */
    public boolean done() {
        return done;
    }

    /** The HTTP status the server refused the upgrade with, or null if it was not refused. */
    public Integer refusedStatus() {
        return failure instanceof WebSocketClientHandshakeException handshake && handshake.response() != null
                ? handshake.response().status().code() : null;
    }

    public Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        outbound.tryEmitComplete();
        connection.dispose();
    }
}
