package io.ringline.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The seeder's wait for a new number to reach the call service, against a gateway stand-in over real HTTP. */
class NumberReadinessTest {

    private static final String NOT_READY = "{\"code\":\"NUMBER_NOT_READY\"}";
    private static final String NOT_FOUND = "{\"code\":\"CALL_NOT_FOUND\"}";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer gateway;

    @AfterEach
    void stop() {
        gateway.stop(0);
    }

    @Test
    void waitsWhileTheNumberIsNotReadyAndReturnsOnceTheCallServiceKnowsIt() throws IOException {
        AtomicInteger seen = new AtomicInteger();
        start(n -> n < 3 ? answer(503, NOT_READY) : answer(404, NOT_FOUND), seen);

        readiness(Duration.ofSeconds(10)).await("demo EVO_GO number", "rl_number_key");

        assertThat(seen).hasValue(4);
        assertThat(requests).allSatisfy(r -> assertThat(r).matches(
                "POST /v1/calls/call_[0-9A-Z]{26}/terminate rl_number_key"));
        assertThat(requests).doesNotHaveDuplicates();
    }

    @Test
    void aCallServiceStillStartingIsWaitedOutToo() throws IOException {
        AtomicInteger seen = new AtomicInteger();
        start(n -> switch (n) {
            case 0 -> answer(504, "{\"code\":\"PROVIDER_TIMEOUT\"}");
            case 1 -> answer(503, "{\"code\":\"SERVICE_UNAVAILABLE\"}");
            default -> answer(404, NOT_FOUND);
        }, seen);

        readiness(Duration.ofSeconds(10)).await("demo META number", "rl_k");

        assertThat(seen).hasValue(3);
    }

    @Test
    void anyOtherAnswerFailsTheSeedingAtOnceWithWhatTheGatewaySaid() throws IOException {
        AtomicInteger seen = new AtomicInteger();
        start(n -> answer(401, "{\"code\":\"UNAUTHORIZED\"}"), seen);

        assertThatThrownBy(() -> readiness(Duration.ofSeconds(10)).await("demo META number", "rl_k"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("demo META number").hasMessageContaining("401").hasMessageContaining("UNAUTHORIZED");
        assertThat(seen).hasValue(1);
    }

    @Test
    void aNumberThatNeverArrivesFailsAfterTheDeadlineNamingIt() throws IOException {
        AtomicInteger seen = new AtomicInteger();
        start(n -> answer(503, NOT_READY), seen);

        assertThatThrownBy(() -> readiness(Duration.ofMillis(300)).await("demo EVO_GO number", "rl_k"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("demo EVO_GO number had not reached the call service")
                .hasMessageContaining("NUMBER_NOT_READY");
        assertThat(seen.get()).isGreaterThan(1);
    }

    private NumberReadiness readiness(Duration within) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return new NumberReadiness(http, "http://127.0.0.1:" + gateway.getAddress().getPort(), within,
                Duration.ofMillis(20));
    }

    private record Answer(int status, String body) {
    }

    private static Answer answer(int status, String body) {
        return new Answer(status, body);
    }

    private void start(IntFunction<Answer> answers, AtomicInteger seen) throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("x-api-key"));
            Answer a = answers.apply(seen.getAndIncrement());
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(a.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        gateway.start();
    }
}
