package io.ringline.platform.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.infra.InfraProperties;
import io.ringline.platform.KitTestApplication;
import io.ringline.platform.security.RinglineSecurity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The shared server limits, on a bare platform-kit service: a client that connects and sends nothing, half a
 * request line, or headers a byte at a time is disconnected after {@code ringline.server.header-timeout} (the
 * idle timeout is set far higher here, so it is not what closes them); a body that stalls, or trickles for longer
 * than the request timeout, is cut off; oversized request lines and headers are refused.
 */
@Import({ServerTimeoutsIntegrationTest.SlowRoute.class, ServerTimeoutsIntegrationTest.OpenRoutes.class})
@SpringBootTest(classes = KitTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=kit-test", "ringline.server.header-timeout=1s",
                "ringline.server.read-timeout=1s", "ringline.server.request-timeout=3s",
                "server.netty.idle-timeout=60s"})
class ServerTimeoutsIntegrationTest {

    /** The answer's deadline: far beyond the 1 s limit, far below "never". */
    private static final int DEADLINE_MS = 15_000;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry);
    }

    @LocalServerPort
    int port;

    private final ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopDripping() {
        drip.shutdownNow();
    }

    @Test
    void aClientThatConnectsAndSendsNothingIsDisconnected() throws IOException {
        try (Socket socket = connect()) {
            assertThat(closedByServer(socket)).isTrue();
        }
    }

    @Test
    void aClientThatSendsHalfARequestLineIsDisconnected() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET /actuator/hea");

            assertThat(closedByServer(socket)).isTrue();
        }
    }

    @Test
    void aClientTricklingItsHeadersIsDisconnectedThoughEveryByteResetsTheIdleTimer() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n");
            OutputStream out = socket.getOutputStream();
            drip.scheduleAtFixedRate(() -> {
                try {
                    out.write('x');
                    out.flush();
                } catch (IOException closed) {
                    throw new IllegalStateException(closed); // ends the schedule
                }
            }, 100, 100, TimeUnit.MILLISECONDS);

            assertThat(closedByServer(socket)).isTrue();
        }
    }

    @Test
    void aKeptAliveConnectionIsClosedWhenItsNextRequestDoesNotCome() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            String answer = readHead(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 200");

            assertThat(closedByServer(socket)).isTrue();
        }
    }

    @Test
    void aRequestWhoseAnswerTakesLongerThanTheHeaderTimeoutIsNotCutOffAndTheConnectionServesTheNext()
            throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200").endsWith("done");

            send(socket, "GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200").endsWith("done");
        }
    }

    @Test
    void aBodyThatStallsLongerThanTheReadTimeoutIsCutOff() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 100\r\n\r\nonly part of it");

            assertThat(closedByServer(socket)).isTrue();
        }
    }

    @Test
    void aBodyTricklingForLongerThanTheRequestTimeoutIsCutOffThoughItNeverPauses() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 100000\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            drip.scheduleAtFixedRate(() -> {
                try {
                    out.write('x');
                    out.flush();
                } catch (IOException closed) {
                    throw new IllegalStateException(closed);
                }
            }, 200, 200, TimeUnit.MILLISECONDS);

            assertThat(closedByServer(socket)).isTrue();
        }
    }

    @Test
    void aBodySentInTimeIsRead() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 5\r\n\r\nhello");

            assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200").endsWith("hello");
        }
    }

    @Test
    void anOversizedRequestLineOrHeaderIsRefused() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET /actuator/health?" + "a".repeat(5 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(readHead(socket.getInputStream())).matches("(?s)HTTP/1.1 (400|414).*");
        }
        try (Socket socket = connect()) {
            send(socket, "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(9 * 1024)
                    + "\r\n\r\n");
            assertThat(readHead(socket.getInputStream())).matches("(?s)HTTP/1.1 (400|431).*");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout(DEADLINE_MS);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** True when the server closed the connection (end of stream or reset) before the deadline. */
    private static boolean closedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // whatever the server still sends before closing
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Head and body of one answer (the slow route answers with a Content-Length). */
    private static String readAnswer(InputStream in) throws IOException {
        String head = readHead(in);
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        int bytes = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(in.readNBytes(bytes), StandardCharsets.UTF_8);
    }

    /** Answers after longer than the header timeout: an answer in progress must not be cut off. */
    @RestController
    static class SlowRoute {

        @GetMapping("/slow")
        Mono<String> slow() {
            return Mono.delay(Duration.ofMillis(1500)).thenReturn("done");
        }

        @PostMapping("/echo")
        Mono<String> echo(@RequestBody String body) {
            return Mono.just(body);
        }
    }

    /** Like every service, this one refuses what its rule table does not name: the two test routes are named. */
    @Configuration(proxyBeanMethods = false)
    static class OpenRoutes {

        @Bean
        SecurityWebFilterChain testRoutes(RinglineSecurity security, ServerHttpSecurity http) {
            return security.rules(http).permit(HttpMethod.GET, "/slow").permit(HttpMethod.POST, "/echo").build();
        }
    }
}
