package io.ringline.gateway.security;

import static io.ringline.platform.security.testing.CredentialKind.GO_INSTANCE_TOKEN;
import static io.ringline.platform.security.testing.CredentialKind.NUMBER_KEY;
import static io.ringline.platform.security.testing.CredentialKind.OTHER_NUMBER_KEY;
import static io.ringline.platform.security.testing.CredentialKind.OTHER_TENANT_KEY;
import static io.ringline.platform.security.testing.CredentialKind.TENANT_KEY;
import static io.ringline.platform.security.testing.RouteExpectation.route;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.Fixtures.TenantFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.platform.security.testing.CredentialKind;
import io.ringline.platform.security.testing.HandlerPassage;
import io.ringline.platform.security.testing.RouteExpectation;
import io.ringline.platform.security.testing.RouteInventory;
import io.ringline.platform.security.testing.RouteMatrix;
import io.ringline.platform.security.testing.RouteMatrix.Target;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every route the running gateway registers, tried with every kind of credential, against the table below (the
 * table docs/security.md shows). A new route without a row fails here by name; so does a route no credential
 * reaches. "Reached" is what the test-only {@link HandlerPassage} filter behind the security chain saw, not a
 * guess from status codes. To add a route: add its rule in {@code GatewaySecurity} and one row here.
 */
class GatewayRoutesSecurityIntegrationTest extends GatewayIntegrationTest {

    /** The documented outcome of every gateway route, one row each. */
    static List<RouteExpectation> table() {
        return List.of(
                // Provider webhooks, the API description and the softphone page: public.
                anyone("GET", "/webhooks/meta"),
                anyone("POST", "/webhooks/meta"),
                anyone("POST", "/webhooks/evolution-go"),
                anyone("GET", "/openapi.json"),
                anyone("GET", "/openapi.yaml"),
                // The softphone page and its static files: no secrets in them; the page asks for a key itself.
                anyone("GET", "/chat"),
                anyone("GET", "/chat/"),
                anyone("*", "/chat/**"),
                // Operator surface.
                operator("POST", "/admin/tenants"),
                operator("GET", "/admin/tenants/{tenantId}"),
                operator("PATCH", "/admin/tenants/{tenantId}"),
                // Calls API: number-scoped keys.
                numberKey("POST", "/v1/calls"),
                numberKey("GET", "/v1/calls"),
                numberKey("GET", "/v1/calls/events"),
                numberKey("GET", "/v1/calls/settings"),
                numberKey("PUT", "/v1/calls/settings"),
                numberKey("GET", "/v1/calls/permissions"),
                numberKey("POST", "/v1/calls/permissions/request"),
                numberKey("GET", "/v1/calls/{callId}"),
                numberKey("POST", "/v1/calls/{callId}/pre-accept"),
                numberKey("POST", "/v1/calls/{callId}/accept"),
                numberKey("POST", "/v1/calls/{callId}/reject"),
                numberKey("POST", "/v1/calls/{callId}/terminate"),
                numberKey("POST", "/v1/calls/{callId}/play"),
                numberKey("DELETE", "/v1/calls/{callId}/play/{playId}"),
                numberKey("POST", "/v1/calls/{callId}/realtime-session"),
                // Admin surface: tenant-scoped keys.
                tenantKey("POST", "/v1/numbers"),
                tenantKey("GET", "/v1/numbers"),
                tenantKey("GET", "/v1/numbers/{numberId}"),
                tenantKey("PATCH", "/v1/numbers/{numberId}"),
                tenantKey("DELETE", "/v1/numbers/{numberId}"),
                tenantKey("GET", "/v1/numbers/{numberId}/pairing"),
                tenantKey("POST", "/v1/api-keys"),
                tenantKey("GET", "/v1/api-keys"),
                tenantKey("DELETE", "/v1/api-keys/{keyId}"),
                // Webhooks: either scope (a number key sees its own number's subscriptions only).
                anyKey("POST", "/v1/webhooks"),
                anyKey("GET", "/v1/webhooks"),
                anyKey("GET", "/v1/webhooks/{webhookId}"),
                anyKey("PATCH", "/v1/webhooks/{webhookId}"),
                anyKey("DELETE", "/v1/webhooks/{webhookId}"),
                anyKey("GET", "/v1/webhooks/{webhookId}/logs"),
                anyKey("POST", "/v1/webhooks/{webhookId}/secret/rotate"),
                anyKey("POST", "/v1/webhooks/{webhookId}/replay"),
                anyKey("POST", "/v1/webhooks/deliveries/{deliveryId}/retry"),
                // Evolution GO compatibility layer: the GO instance token, refusals in GO's {error} shape.
                goInstance("POST", "/api/layer/evolution-go/call/start"),
                goInstance("POST", "/api/layer/evolution-go/call/answer"),
                goInstance("POST", "/api/layer/evolution-go/call/reject"),
                goInstance("POST", "/api/layer/evolution-go/call/hangup"),
                goInstance("GET", "/api/layer/evolution-go/call/list"),
                goInstance("GET", "/api/layer/evolution-go/call/{callId}"),
                goInstance("POST", "/api/layer/evolution-go/call/media/play"),
                goInstance("POST", "/api/layer/evolution-go/call/media/realtime/session"),
                // Actuator on the service port (tests and the dev stack; compose moves it to the management port).
                anyone("GET", "/actuator/health"),
                anyone("GET", "/actuator/health/{*path}"),
                internal("GET", "/actuator"),
                internal("GET", "/actuator/info"),
                internal("GET", "/actuator/prometheus"));
    }

    static RouteExpectation anyone(String method, String pattern) {
        return route(method, pattern).reachedByAnyone();
    }

    static RouteExpectation operator(String method, String pattern) {
        return route(method, pattern).reachedBy(CredentialKind.OPERATOR_TOKEN).otherwise(401, "UNAUTHORIZED");
    }

    static RouteExpectation numberKey(String method, String pattern) {
        return route(method, pattern).reachedBy(NUMBER_KEY, OTHER_NUMBER_KEY)
                .refused(403, "TENANT_SCOPE_NOT_ALLOWED", TENANT_KEY, OTHER_TENANT_KEY)
                .otherwise(401, "UNAUTHORIZED");
    }

    static RouteExpectation tenantKey(String method, String pattern) {
        return route(method, pattern).reachedBy(TENANT_KEY, OTHER_TENANT_KEY)
                .refused(403, "NUMBER_SCOPE_NOT_ALLOWED", NUMBER_KEY, OTHER_NUMBER_KEY)
                .otherwise(401, "UNAUTHORIZED");
    }

    static RouteExpectation anyKey(String method, String pattern) {
        return route(method, pattern).reachedBy(NUMBER_KEY, OTHER_NUMBER_KEY, TENANT_KEY, OTHER_TENANT_KEY)
                .otherwise(401, "UNAUTHORIZED");
    }

    static RouteExpectation goInstance(String method, String pattern) {
        return route(method, pattern).reachedBy(GO_INSTANCE_TOKEN).otherwise(401, null);
    }

    static RouteExpectation internal(String method, String pattern) {
        return route(method, pattern).reachedBy(CredentialKind.INTERNAL_TOKEN).otherwise(401, "UNAUTHORIZED");
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    HandlerPassage passages;

    private RouteMatrix matrix;

    @BeforeEach
    void credentials() {
        TenantFixture tenant = fixtures.tenant();
        NumberFixture number = fixtures.evoGoNumber(tenant);
        NumberFixture otherNumber = fixtures.evoGoNumber(tenant);
        TenantFixture otherTenant = fixtures.tenant();
        matrix = new RouteMatrix(port, passages, kind -> switch (kind) {
            case NONE -> Map.of();
            case WRONG -> Map.of("x-api-key", "rl_" + RouteMatrix.random(43),
                    "x-operator-token", "wrong-" + RouteMatrix.random(12),
                    "x-internal-token", "wrong-" + RouteMatrix.random(12),
                    "apikey", "wrong-" + RouteMatrix.random(12));
            case NUMBER_KEY -> Map.of("x-api-key", number.key());
            case OTHER_NUMBER_KEY -> Map.of("x-api-key", otherNumber.key());
            case TENANT_KEY -> Map.of("x-api-key", tenant.key());
            case OTHER_TENANT_KEY -> Map.of("x-api-key", otherTenant.key());
            case OPERATOR_TOKEN -> Map.of("x-operator-token", OPERATOR_TOKEN);
            case INTERNAL_TOKEN -> Map.of("x-internal-token", INTERNAL_TOKEN);
            case GO_INSTANCE_TOKEN -> Map.of("apikey", number.instanceToken());
        });
    }

    @Test
    void everyRegisteredRouteAnswersEachCredentialAsDocumented() {
        List<String> problems = matrix.check(RouteInventory.of(context), table());
        assertThat(problems).as(RouteMatrix.describe(problems)).isEmpty();
    }

    @Test
    void noSpellingOfAProtectedPathReachesAHandler() {
        List<String> problems = matrix.checkCorpus(List.of(
                new Target("POST", "/admin/tenants", EnumSet.of(CredentialKind.OPERATOR_TOKEN)),
                new Target("GET", "/v1/calls", EnumSet.of(NUMBER_KEY, OTHER_NUMBER_KEY)),
                new Target("GET", "/v1/numbers", EnumSet.of(TENANT_KEY, OTHER_TENANT_KEY)),
                new Target("POST", "/v1/api-keys", EnumSet.of(TENANT_KEY, OTHER_TENANT_KEY)),
                new Target("GET", "/v1/webhooks", EnumSet.of(NUMBER_KEY, OTHER_NUMBER_KEY, TENANT_KEY, OTHER_TENANT_KEY)),
                new Target("GET", "/api/layer/evolution-go/call/list", EnumSet.of(GO_INSTANCE_TOKEN)),
                new Target("GET", "/internal/live-calls", EnumSet.noneOf(CredentialKind.class)),
                new Target("GET", "/actuator/prometheus", EnumSet.of(CredentialKind.INTERNAL_TOKEN))));
        assertThat(problems).as(RouteMatrix.describe(problems)).isEmpty();
    }
}
