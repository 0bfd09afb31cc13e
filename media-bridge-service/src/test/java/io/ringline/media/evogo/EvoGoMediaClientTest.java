package io.ringline.media.evogo;

import static io.ringline.media.support.MediaFixtures.BOX;
import static io.ringline.media.support.MediaFixtures.guard;
import static io.ringline.media.support.MediaFixtures.number;
import static io.ringline.media.support.MediaFixtures.props;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.media.config.AddressGuard;
import io.ringline.platform.web.ApiException;
import io.ringline.testsupport.http.CountingTcpServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The number's GO base URL is the tenant's: with the guard on, loopback in any spelling gets no connection; every
 * way of not reaching GO reads the same; a number's line of requests is bounded.
 */
class EvoGoMediaClientTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AddressGuard GUARDED = guard(true);
    private static final AddressGuard OPEN = guard(false);
    private static final byte[] MP3 = "ID3-audio".getBytes();

    @AfterAll
    static void close() {
        GUARDED.destroy();
        OPEN.destroy();
    }

    private static EvoGoMediaClient client(AddressGuard guard, Map<String, String> props) {
        return new EvoGoMediaConfiguration().evoGoMediaClient(BOX, JSON, props(props), guard);
    }

    private static ApiException failure(Mono<?> request) {
        try {
            request.block(Duration.ofSeconds(20));
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("the request succeeded");
    }

    @ParameterizedTest(name = "GO at {0}")
    @ValueSource(strings = {"127.0.0.1", "localhost", "LOCALHOST", "0.0.0.0"})
    void theGuardRefusesLoopbackBeforeAnyConnection(String host) {
        try (CountingTcpServer go = new CountingTcpServer(CountingTcpServer.Mode.HOLD_OPEN)) {
            String baseUrl = "http://" + host + ":" + go.port();
            ApiException play = failure(client(GUARDED, Map.of()).play(number("num_a", baseUrl), "GO-1", MP3,
                    MediaType.parseMediaType("audio/mpeg")));
            ApiException session = failure(client(GUARDED, Map.of()).openRealtimeSession(number("num_a", baseUrl),
                    "GO-1", "talk"));

            assertThat(play.code()).isEqualTo("PROVIDER_UNREACHABLE");
            assertThat(session.code()).isEqualTo("PROVIDER_UNREACHABLE");
            assertThat(go.accepted()).as("connections the loopback server accepted").isZero();
        }
    }

    @Test
    void closedPortOpenButRefusedAndGuardRefusedReadTheSame() {
        ApiException closed = failure(client(OPEN, Map.of()).play(
                number("num_a", "http://127.0.0.1:" + CountingTcpServer.closedPort()), "GO-1", MP3, MediaType.TEXT_PLAIN));
        ApiException openButRefused;
        ApiException guardRefused;
        try (CountingTcpServer go = new CountingTcpServer(CountingTcpServer.Mode.CLOSE_AT_ONCE)) {
            String baseUrl = "http://127.0.0.1:" + go.port();
            openButRefused = failure(client(OPEN, Map.of()).play(number("num_a", baseUrl), "GO-1", MP3,
                    MediaType.TEXT_PLAIN));
            assertThat(go.accepted()).as("the open port was reached").isPositive();
            guardRefused = failure(client(GUARDED, Map.of()).play(number("num_a", baseUrl), "GO-1", MP3,
                    MediaType.TEXT_PLAIN));
        }

        for (ApiException same : new ApiException[] {openButRefused, guardRefused}) {
            assertThat(same.status()).isEqualTo(HttpStatus.BAD_GATEWAY).isEqualTo(closed.status());
            assertThat(same.code()).isEqualTo("PROVIDER_UNREACHABLE").isEqualTo(closed.code());
            assertThat(same.getMessage()).isEqualTo(closed.getMessage()).isEqualTo("Evolution GO could not be reached");
            assertThat(same.details()).isEqualTo(closed.details()).isNull();
            assertThat(same.headers()).isEqualTo(closed.headers());
        }
    }

    @Test
    void aNumberBeyondItsLineIsAnsweredBusyAtOnceWithRetryAfter() {
        try (CountingTcpServer hangingGo = new CountingTcpServer(CountingTcpServer.Mode.HOLD_OPEN)) {
            EvoGoMediaClient client = client(OPEN, Map.of("provider-timeout", "30s",
                    "provider-limits.concurrency", "1", "provider-limits.waiting", "0"));
            Disposable running = client.play(number("num_a", "http://127.0.0.1:" + hangingGo.port()), "GO-1", MP3,
                    MediaType.TEXT_PLAIN).subscribe();

            ApiException busy = failure(client.play(number("num_a", "http://127.0.0.1:" + hangingGo.port()), "GO-2",
                    MP3, MediaType.TEXT_PLAIN));

            assertThat(busy.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(busy.code()).isEqualTo("PROVIDER_BUSY");
            assertThat(busy.headers()).containsEntry("Retry-After", "30");
            assertThat(busy.details()).containsEntry("retryAfterSeconds", 30L);
            assertThat(client.running("num_a")).isEqualTo(1);
            running.dispose();
        }
    }
}
