package io.ringline.platform.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The header deadline times the client, not the server: once every request is answered, the connection reads the
 * next request even where the server had turned auto-read off for the last one's inbound, so a request the client
 * sent at once is never left unread while the deadline that closes the connection runs.
 */
class RequestDeadlinesHandlerTest {

    /** Counts the read requests that reach the transport. */
    private static final class Reads extends ChannelOutboundHandlerAdapter {
        int count;

        @Override
        public void read(ChannelHandlerContext ctx) {
            count++;
            ctx.read();
        }
    }

    @Test
    void afterTheAnswerTheNextRequestIsReadEvenWithAutoReadOff() {
        Reads reads = new Reads();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAutoRead(false);
        channel.pipeline().addLast(reads, new RequestDeadlinesHandler(new ServerTimeoutProperties(
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30))));
        int before = reads.count;

        channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/v1/calls/events"));
        channel.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(reads.count).as("nothing asked for while the request is being answered").isEqualTo(before);

        channel.writeOutbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.UNAUTHORIZED));
        channel.writeOutbound(LastHttpContent.EMPTY_LAST_CONTENT);

        assertThat(reads.count).as("the next request's head is read once the answer is out").isEqualTo(before + 1);
        channel.finishAndReleaseAll();
    }
}
