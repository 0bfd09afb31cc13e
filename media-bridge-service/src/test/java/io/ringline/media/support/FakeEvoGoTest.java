package io.ringline.media.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;

/**
 * The fake GO itself: a frame a test sends must reach the connection even when another thread sends at the same
 * moment (the server's event loop sends GO's {@code start} as the connection opens, while the test, which has
 * just seen the connection, sends its first frames). A lost frame there once made a relay test wait for audio
 * that was never sent.
 */
class FakeEvoGoTest {

    static final int FRAMES_PER_THREAD = 2_000;

    @Test
    void framesSentFromTwoThreadsAtOnceAllReachTheConnection() throws Exception {
        AtomicInteger binary = new AtomicInteger();
        AtomicInteger text = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try (FakeEvoGo go = new FakeEvoGo()) {
            Disposable connection = HttpClient.create().websocket().uri("ws://127.0.0.1:" + go.port() + "/ws")
                    .handle((in, out) -> in.receiveFrames().doOnNext(frame -> {
                        if (frame instanceof BinaryWebSocketFrame) {
                            binary.incrementAndGet();
                        } else if (frame instanceof TextWebSocketFrame) {
                            text.incrementAndGet();
                        }
                    }).then())
                    .subscribe();
            try {
                FakeEvoGo.Upstream upstream = go.upstreams.poll(10, TimeUnit.SECONDS);
                assertThat(upstream).isNotNull();

                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> sending = new ArrayList<>();
                for (int thread = 0; thread < 2; thread++) {
                    sending.add(senders.submit(() -> {
                        start.await();
                        for (int i = 0; i < FRAMES_PER_THREAD; i++) {
                            upstream.sendAudio(new byte[2]);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> sender : sending) {
                    sender.get(20, TimeUnit.SECONDS);
                }

                assertThat(await().atMost(Duration.ofSeconds(20)).until(binary::get,
                        received -> received >= 2 * FRAMES_PER_THREAD)).isEqualTo(2 * FRAMES_PER_THREAD);
                assertThat(text.get()).as("GO's start").isEqualTo(1);
            } finally {
                connection.dispose();
            }
        } finally {
            senders.shutdownNow();
        }
    }
}
