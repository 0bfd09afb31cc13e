package io.ringline.platform.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

class ClientPoolsTest {

    @Test
    void aPooledConnectionIsReusedWhileFreshAndClosedByTheClientOnceIdleLongerThanMaxIdle() {
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger open = new AtomicInteger();
        // A server that never closes an idle connection itself: only the client's pool can close it.
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .doOnChannelInit((observer, channel, remote) -> {
                    opened.incrementAndGet();
                    open.incrementAndGet();
                    channel.closeFuture().addListener(closed -> open.decrementAndGet());
                })
                .handle((request, response) -> response.header("Content-Length", "2").sendString(Mono.just("ok")))
                .bindNow();
        // One connection at most: the second request waits for the first one's to be released, so it is reused.
        ConnectionProvider pool = ClientPools.builder("client-pools-test").maxConnections(1).build();
        try {
            HttpClient client = HttpClient.create(pool).baseUrl("http://127.0.0.1:" + server.port());
            assertThat(get(client)).isEqualTo("ok");
            assertThat(get(client)).isEqualTo("ok");
            assertThat(opened).as("the second request reused the kept-alive connection").hasValue(1);

            // Closed by the background eviction well before a Ringline server's 10 s header timeout would.
            await().atMost(Duration.ofSeconds(9)).until(() -> open.get() == 0);
            assertThat(get(client)).isEqualTo("ok");
            assertThat(opened).as("a new connection once the idle one was given up").hasValue(2);
        } finally {
            pool.dispose();
            server.disposeNow();
        }
    }

    private static String get(HttpClient client) {
        return client.get().uri("/").responseContent().aggregate().asString().block(Duration.ofSeconds(10));
    }
}
