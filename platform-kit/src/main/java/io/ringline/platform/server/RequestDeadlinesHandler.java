package io.ringline.platform.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes an HTTP/1.1 connection whose client is too slow to send a request: its head (line and headers) must
 * arrive within the header timeout of the connection opening or of the previous answer; its body within the
 * request timeout, with no pause longer than the read timeout. Nothing is timed while a request is being
 * answered, however long that takes, and the handler leaves the pipeline when the connection becomes a
 * WebSocket. Sits right after the HTTP codec, so it sees decoded requests coming in and responses going out.
 *
 * <p>Reactor Netty has a read and a request timeout of its own, but they outlive a WebSocket upgrade (its request
 * timeout closed realtime sessions after that time), and its idle timeout is reset by every byte, so a client
 * trickling its headers was never bounded.
 */
final class RequestDeadlinesHandler extends ChannelDuplexHandler {

    static final String NAME = "ringline.requestDeadlines";

    private final long headerNanos;
    private final long readNanos;
    private final long requestNanos;
    private int unanswered;
    private boolean inBody;
    /** The head's deadline while waiting for a request, the whole body's while reading one. */
    private ScheduledFuture<?> deadline;
    /** The longest pause between two reads of a body. */
    private ScheduledFuture<?> pause;

    RequestDeadlinesHandler(ServerTimeoutProperties props) {
        this.headerNanos = props.headerTimeout().toNanos();
        this.readNanos = props.readTimeout().toNanos();
        this.requestNanos = props.requestTimeout().toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            awaitRequest(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        awaitRequest(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            unanswered++;
            cancel();
            if (!(msg instanceof LastHttpContent)) {
                inBody = true;
                deadline = close(ctx, requestNanos);
                pause = close(ctx, readNanos);
            }
        } else if (msg instanceof HttpContent && inBody) {
            if (msg instanceof LastHttpContent) {
                inBody = false;
                cancel();
                // The answer may already be out (a request without a body ends with an empty last content that can
                // arrive after a quick answer was written): then the next request's head is due from now.
                awaitRequest(ctx);
            } else {
                pause.cancel(false);
                pause = close(ctx, readNanos);
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            if (response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                cancel(); // a WebSocket now: its own rules apply
                ctx.pipeline().remove(this);
            }
            ctx.write(msg, promise); // 100 Continue is not the answer
            return;
        }
        if (msg instanceof LastHttpContent && --unanswered <= 0) {
            unanswered = 0;
            promise = promise.unvoid();
            promise.addListener(written -> awaitRequest(ctx));
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    /**
     * Every request answered and no body coming: the next request's head is due within the header timeout — so it is
     * read now. Reactor Netty turns auto-read off while a request's inbound has no demand (a route that answered
     * without reading it, e.g. a 401 on the event stream), and if that survives the answer, a client's next request
     * sits unread in the socket while this deadline runs: the connection was closed under a request the client had
     * sent at once (a reset after the header timeout, CallEventsStreamIntegrationTest in CI). The deadline must time
     * the client, never the server's own reading.
     */
    private void awaitRequest(ChannelHandlerContext ctx) {
        if (unanswered > 0 || inBody || !ctx.channel().isActive()) {
            return;
        }
        cancel();
        deadline = close(ctx, headerNanos);
        if (!ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
    }

    private static ScheduledFuture<?> close(ChannelHandlerContext ctx, long afterNanos) {
        return ctx.executor().schedule(() -> {
            ctx.close();
        }, afterNanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
        if (pause != null) {
            pause.cancel(false);
            pause = null;
        }
    }
}
