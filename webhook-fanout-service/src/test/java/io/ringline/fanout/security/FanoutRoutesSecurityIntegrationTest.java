package io.ringline.fanout.security;

import static io.ringline.platform.security.testing.RouteExpectation.route;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.platform.security.testing.CredentialKind;
import io.ringline.platform.security.testing.HandlerPassage;
import io.ringline.platform.security.testing.RouteExpectation;
import io.ringline.platform.security.testing.RouteInventory;
import io.ringline.platform.security.testing.RouteMatrix;
import io.ringline.platform.security.testing.RouteMatrix.Target;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every route the running fan-out registers, tried with every kind of credential: only the internal token opens
 * {@code /internal/**} and actuator beyond health; health is public; nothing else exists. Plus the path corpus on
 * every protected prefix. A new route without a row here fails by name (docs/security.md).
 */
class FanoutRoutesSecurityIntegrationTest extends FanoutIntegrationTest {

    static List<RouteExpectation> table() {
        return List.of(
                internal("POST", "/internal/tenants/{tenantId}/webhooks"),
                internal("GET", "/internal/tenants/{tenantId}/webhooks"),
                internal("GET", "/internal/tenants/{tenantId}/webhooks/{id}"),
                internal("PATCH", "/internal/tenants/{tenantId}/webhooks/{id}"),
                internal("DELETE", "/internal/tenants/{tenantId}/webhooks/{id}"),
                internal("GET", "/internal/tenants/{tenantId}/webhooks/{id}/logs"),
                internal("POST", "/internal/tenants/{tenantId}/webhooks/{id}/secret/rotate"),
                internal("POST", "/internal/tenants/{tenantId}/webhooks/{id}/replay"),
                internal("POST", "/internal/tenants/{tenantId}/webhooks/deliveries/{deliveryId}/retry"),
                route("GET", "/actuator/health").reachedByAnyone(),
                route("GET", "/actuator/health/{*path}").reachedByAnyone(),
                internal("GET", "/actuator"),
                internal("GET", "/actuator/info"),
                internal("GET", "/actuator/prometheus"));
    }

    static RouteExpectation internal(String method, String pattern) {
        return route(method, pattern).reachedBy(CredentialKind.INTERNAL_TOKEN).otherwise(401, "UNAUTHORIZED");
    }

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
        targets.add(new Target("GET", "/internal/tenants/p-t/webhooks", EnumSet.of(CredentialKind.INTERNAL_TOKEN)));
        targets.add(new Target("GET", "/actuator/prometheus", EnumSet.of(CredentialKind.INTERNAL_TOKEN)));
        List<String> problems = matrix().checkCorpus(targets);
        assertThat(problems).as(RouteMatrix.describe(problems)).isEmpty();
    }
}
