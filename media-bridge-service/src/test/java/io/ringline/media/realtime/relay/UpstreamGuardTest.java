package io.ringline.media.realtime.relay;

import static io.ringline.media.support.MediaFixtures.guard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringline.media.config.AddressGuard;
import io.ringline.platform.net.DestinationRefusedException;
import io.ringline.testsupport.http.CountingTcpServer;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import reactor.core.publisher.Mono;

/** The relay's client for GO's realtime {@code wsUrl}: through the guard, a loopback upstream is never connected to. */
class UpstreamGuardTest {

    private static final AddressGuard GUARDED = guard(true);
    private static final AddressGuard OPEN = guard(false);

    @AfterAll
    static void close() {
        GUARDED.destroy();
        OPEN.destroy();
    }

    @ParameterizedTest(name = "wsUrl on {0}")
    @ValueSource(strings = {"127.0.0.1", "localhost", "0.0.0.0"})
    void aLoopbackWsUrlGetsNoConnection(String host) {
        WebSocketClient client = RelayConfiguration.upstreamClient(GUARDED, Duration.ofSeconds(5), 64 * 1024);
        try (CountingTcpServer go = new CountingTcpServer(CountingTcpServer.Mode.HOLD_OPEN)) {
            URI wsUrl = URI.create("ws://" + host + ":" + go.port() + "/ws?token=up");
            assertThatThrownBy(() -> client.execute(wsUrl, session -> Mono.never()).block(Duration.ofSeconds(10)))
                    .satisfies(e -> assertThat(Stream.iterate(e, Objects::nonNull, Throwable::getCause))
                            .anyMatch(DestinationRefusedException.class::isInstance));
            assertThat(go.accepted()).isZero();
        }
    }

    @Test
    void withoutTheGuardTheSameUpstreamIsReached() {
        WebSocketClient client = RelayConfiguration.upstreamClient(OPEN, Duration.ofSeconds(5), 64 * 1024);
        try (CountingTcpServer go = new CountingTcpServer(CountingTcpServer.Mode.CLOSE_AT_ONCE)) {
            URI wsUrl = URI.create("ws://127.0.0.1:" + go.port() + "/ws?token=up");
            assertThatThrownBy(() -> client.execute(wsUrl, session -> Mono.never()).block(Duration.ofSeconds(10)));
            assertThat(go.accepted()).as("the refusal above is the guard's doing").isPositive();
        }
    }
}
