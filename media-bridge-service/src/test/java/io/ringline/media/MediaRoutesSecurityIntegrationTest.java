package io.ringline.media;

import static io.ringline.platform.security.testing.RouteExpectation.route;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.infra.InfraProperties;
import io.ringline.platform.security.ListenerPorts;
import io.ringline.platform.security.testing.CredentialKind;
import io.ringline.platform.security.testing.HandlerPassage;
import io.ringline.platform.security.testing.RawHttp;
import io.ringline.platform.security.testing.RouteExpectation;
import io.ringline.platform.security.testing.RouteInventory;
import io.ringline.platform.security.testing.RouteMatrix;
import io.ringline.platform.security.testing.RouteMatrix.Target;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * The media bridge as deployed: service port (internal), a separate management port, and the public listener of
 * {@code ringline.media.public-port}. Every registered route is tried with every credential kind on the service port
 * and on the public listener, where only the realtime WebSocket exists; the path corpus runs on both; actuator beyond
 * health answers only on the management port (or with the internal token). docs/security.md documents each outcome.
 */
@Import(HandlerPassage.Configuration.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=media-bridge-service",
        "ringline.internal-token=" + MediaRoutesSecurityIntegrationTest.TOKEN,
        "ringline.media.public-port=0",
        "management.server.port=0"})
class MediaRoutesSecurityIntegrationTest {

    static final String TOKEN = "test-internal-token";

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry);
    }

    /** The service port: the WebSocket for anyone (its token is checked by the handler), the rest internal. */
    static List<RouteExpectation> servicePort() {
        return List.of(
                route("*", "/v1/realtime").reachedByAnyone(),
                route("*", "/call/media/realtime/ws").reachedByAnyone(),
                internal("GET", "/internal/live-calls"),
                internal("POST", "/internal/numbers/{numberId}/calls/{callId}/play"),
                internal("POST", "/internal/numbers/{numberId}/calls/{callId}/play-upload"),
                internal("DELETE", "/internal/numbers/{numberId}/calls/{callId}/plays/{playId}"),
                internal("POST", "/internal/numbers/{numberId}/calls/{callId}/realtime-session"));
    }

    /** The public listener: the WebSocket, and nothing else for anyone — not even with the internal token. */
    static List<RouteExpectation> publicListener() {
        return servicePort().stream()
                .map(row -> row.pattern().equals("/v1/realtime") || row.pattern().equals("/call/media/realtime/ws") ? row
                        : route(row.method(), row.pattern()).otherwise(404, "NOT_FOUND"))
                .toList();
    }

    static RouteExpectation internal(String method, String pattern) {
        return route(method, pattern).reachedBy(CredentialKind.INTERNAL_TOKEN).otherwise(401, "UNAUTHORIZED");
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    ListenerPorts listeners;
    @Autowired
    ApplicationContext context;
    @Autowired
    HandlerPassage passages;

    private int publicPort() {
        return listeners.port(ListenerPorts.PUBLIC).orElseThrow();
    }

    private RouteMatrix on(int listenerPort) {
        return new RouteMatrix(listenerPort, passages, RouteMatrix.internalServiceCredentials(TOKEN));
    }

    @Test
    void everyRouteOnTheServicePortAnswersEachCredentialAsDocumented() {
        List<String> problems = on(port).check(RouteInventory.of(context), servicePort());
        assertThat(problems).as(RouteMatrix.describe(problems)).isEmpty();
    }

    @Test
    void thePublicListenerServesTheRealtimeWebSocketAndNothingElse() {
        assertThat(publicPort()).isNotEqualTo(port);
        List<String> problems = on(publicPort()).check(RouteInventory.of(context), publicListener(), false);
        assertThat(problems).as(RouteMatrix.describe(problems)).isEmpty();
    }

    @Test
    void aWebSocketOnThePublicListenerIsUpgradedAndItsTokenCheckedByTheHandler() throws Exception {
        MediaIntegrationTest.TestClient forged = MediaIntegrationTest.TestClient.connect(
                "ws://localhost:" + publicPort() + "/v1/realtime?token=rts_forged");
        assertThat(forged.closeStatus()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
        assertThat(forged.received).isEmpty();
    }

    @Test
    void actuatorBeyondHealthIsOnlyOnTheManagementPort() {
        assertThat(RawHttp.send(managementPort, "GET", "/actuator/prometheus", Map.of(), null).status()).isEqualTo(200);
        assertThat(RawHttp.send(managementPort, "GET", "/actuator/health/readiness", Map.of(), null).status())
                .isEqualTo(200);
        // The chain guards the management port too: the same firewall, nothing but actuator.
        RawHttp.Response tricked = RawHttp.send(managementPort, "GET", "/actuator;x/prometheus", Map.of(), null);
        assertThat(tricked.status()).isEqualTo(400);
        assertThat(tricked.text()).contains("INVALID_PATH");

        RawHttp.Response service = RawHttp.send(port, "GET", "/actuator/prometheus", Map.of(), null);
        assertThat(service.status()).as(service.toString()).isEqualTo(401);
        assertThat(RawHttp.send(port, "GET", "/actuator/prometheus", Map.of("x-internal-token", TOKEN), null).status())
                .as("no actuator on the service port once it has its own").isEqualTo(404);
        RawHttp.Response onPublic = RawHttp.send(publicPort(), "GET", "/actuator/health", Map.of(), null);
        assertThat(onPublic.status()).isEqualTo(404);
        assertThat(onPublic.text()).contains("\"code\":\"NOT_FOUND\"");
    }

    @Test
    void noSpellingOfAProtectedPathReachesAHandlerOnEitherListener() {
        List<Target> targets = new ArrayList<>(RouteMatrix.gatewayPrefixesWithoutRoutes());
        targets.add(new Target("GET", "/internal/live-calls", EnumSet.of(CredentialKind.INTERNAL_TOKEN)));
        // Security lets the internal token through here, but actuator is served on the management port only.
        targets.add(new Target("GET", "/actuator/prometheus", EnumSet.of(CredentialKind.INTERNAL_TOKEN), false));
        targets.add(new Target("GET", "/v1/realtime", EnumSet.allOf(CredentialKind.class)));
        targets.add(new Target("GET", "/call/media/realtime/ws", EnumSet.allOf(CredentialKind.class)));
        List<String> problems = on(port).checkCorpus(targets);
        assertThat(problems).as("service port: " + RouteMatrix.describe(problems)).isEmpty();

        List<Target> onPublic = new ArrayList<>(RouteMatrix.gatewayPrefixesWithoutRoutes());
        onPublic.add(new Target("GET", "/internal/live-calls", EnumSet.noneOf(CredentialKind.class)));
        onPublic.add(new Target("GET", "/actuator/prometheus", EnumSet.noneOf(CredentialKind.class)));
        onPublic.add(new Target("GET", "/v1/realtime", EnumSet.allOf(CredentialKind.class)));
        onPublic.add(new Target("GET", "/call/media/realtime/ws", EnumSet.allOf(CredentialKind.class)));
        problems = on(publicPort()).checkCorpus(onPublic);
        assertThat(problems).as("public listener: " + RouteMatrix.describe(problems)).isEmpty();
    }
}
