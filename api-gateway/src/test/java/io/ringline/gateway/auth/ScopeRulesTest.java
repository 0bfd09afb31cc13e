package io.ringline.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.tenancy.ApiKeyScope;
import io.ringline.platform.web.ApiException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopeRulesTest {

    @ParameterizedTest(name = "{0} with {1} key -> {2}")
    @CsvSource({
            "/v1/calls,                         NUMBER, allowed",
            "/v1/calls,                         TENANT, TENANT_SCOPE_NOT_ALLOWED",
            "/v1/calls/settings,                TENANT, TENANT_SCOPE_NOT_ALLOWED",
            "/v1/calls/call_1/accept,           TENANT, TENANT_SCOPE_NOT_ALLOWED",
            "/v1/calls/permissions/request,     NUMBER, allowed",
            "/v1/numbers,                       TENANT, allowed",
            "/v1/numbers,                       NUMBER, NUMBER_SCOPE_NOT_ALLOWED",
            "/v1/numbers/num_1,                 NUMBER, NUMBER_SCOPE_NOT_ALLOWED",
            "/v1/api-keys,                      TENANT, allowed",
            "/v1/api-keys/key_1,                NUMBER, NUMBER_SCOPE_NOT_ALLOWED",
            "/v1/webhooks,                      TENANT, allowed",
            "/v1/webhooks,                      NUMBER, allowed",
            "/v1/webhooks/wh_1,                 NUMBER, allowed",
            "/v1/callsettings,                  TENANT, allowed",
            "/v1/unknown,                       NUMBER, allowed"
    })
    void scopeTable(String path, ApiKeyScope scope, String expected) {
        Optional<ApiException> refusal = ScopeRules.check(path, scope);

        if (expected.equals("allowed")) {
            assertThat(refusal).isEmpty();
        } else {
            assertThat(refusal).get().satisfies(e -> {
                assertThat(e.status().value()).isEqualTo(403);
                assertThat(e.code()).isEqualTo(expected);
            });
        }
    }
}
