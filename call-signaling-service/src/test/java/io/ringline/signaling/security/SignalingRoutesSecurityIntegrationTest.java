package io.ringline.signaling.security;

import static io.ringline.platform.security.testing.RouteExpectation.route;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.platform.security.testing.CredentialKind;
import io.ringline.platform.security.testing.HandlerPassage;
import io.ringline.platform.security.testing.RouteExpectation;
import io.ringline.platform.security.testing.RouteInventory;
import io.ringline.platform.security.testing.RouteMatrix;
import io.ringline.platform.security.testing.RouteMatrix.Target;
import io.ringline.signaling.support.IntegrationTest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Every route the running signaling service registers, tried with every kind of credential: only the internal
 * token opens {@code /internal/**} and actuator beyond health; health is public; nothing else exists. Plus the
 * path corpus on every protected prefix. A new route without a row here fails by name (docs/security.md).
 */
class SignalingRoutesSecurityIntegrationTest extends IntegrationTest {

    static final String TOKEN = "test-internal-token";

    static List<RouteExpectation> table() {
        return List.of(
                internal("GET", "/internal/numbers/{numberId}/calls"),
                internal("GET", "/internal/numbers/{numberId}/calls/{callId}"),
                internal("POST", "/internal/numbers/{numberId}/provider/settings/read"),
                internal("POST", "/internal/numbers/{numberId}/provider/settings/update"),
                internal("POST", "/internal/numbers/{numberId}/provider/permissions/read"),
                internal("POST", "/internal/numbers/{numberId}/provider/permissions/request"),
                internal("GET", "/internal/numbers/{numberId}/connection"),
                route("GET", "/actuator/health").reachedByAnyone(),
                route("GET", "/actuator/health/{*path}").reachedByAnyone(),
                internal("GET", "/actuator"),
                internal("GET", "/actuator/info"),
                internal("GET", "/actuator/prometheus"));
    }

    static RouteExpectation internal(String method, String pattern) {
        return route(method, pattern).reachedBy(CredentialKind.INTERNAL_TOKEN).otherwise(401, "UNAUTHORIZED");
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    HandlerPassage passages;

    private RouteMatrix matrix() {
        return new RouteMatrix(port, passages, RouteMatrix.internalServiceCredentials(TOKEN));
    }

    @Test
    void everyRegisteredRouteAnswersEachCredentialAsDocumented() {
        List<String> problems = matrix().check(RouteInventory.of(context), table());
        assertThat(problems).as(RouteMatrix.describe(problems)).isEmpty();
    }

    @Test
    void noSpellingOfAProtectedPathReachesAHandler() {
        List<Target> targets = new ArrayList<>(RouteMatrix.gatewayPrefixesWithoutRoutes());
        targets.add(new Target("GET", "/internal/numbers/p-n/calls/p-c", EnumSet.of(CredentialKind.INTERNAL_TOKEN)));
        targets.add(new Target("GET", "/actuator/prometheus", EnumSet.of(CredentialKind.INTERNAL_TOKEN)));
        List<String> problems = matrix().checkCorpus(targets);
        assertThat(problems).as(RouteMatrix.describe(problems)).isEmpty();
    }
}
