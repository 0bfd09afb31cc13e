package io.ringline.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ringline.gateway.web.JsonFields;
import io.ringline.platform.web.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class RateLimitChangeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void leftOutStaysNumbersSetNullReturnsToTheDefault() {
        RateLimitChange change = parse("{\"tenantPerSecond\": 2.5, \"keyBurst\": null}");

        assertThat(change.tenantPerSecond()).isEqualTo(new RateLimitChange.Field<>(true, 2.5));
        assertThat(change.keyBurst()).isEqualTo(new RateLimitChange.Field<>(true, null));
        assertThat(change.tenantBurst().changed()).isFalse();
        assertThat(change.keyPerSecond().changed()).isFalse();
    }

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"tenantPerSecond\": 0}                | rateLimits.tenantPerSecond",
            "{\"tenantPerSecond\": -1}               | rateLimits.tenantPerSecond",
            "{\"keyPerSecond\": \"10\"}              | rateLimits.keyPerSecond",
            "{\"keyPerSecond\": 1000001}             | rateLimits.keyPerSecond",
            "{\"tenantBurst\": 1.5}                  | rateLimits.tenantBurst",
            "{\"tenantBurst\": 0}                    | rateLimits.tenantBurst",
            "{\"keyBurst\": 99999999999}             | rateLimits.keyBurst",
            "{\"keyBurst\": true}                    | rateLimits.keyBurst",
            "{\"perSecond\": 5}                      | rateLimits.perSecond"})
    void invalidValuesAreRefusedNamingTheField(String body, String field) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> parse(body));

        assertThat(e.status().value()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("INVALID_REQUEST");
        assertThat(e.details()).containsEntry("field", field);
    }

    private static RateLimitChange parse(String rateLimits) {
        return RateLimitChange.parse(new JsonFields((ObjectNode) JSON.readTree("{\"rateLimits\":" + rateLimits + "}"))
                .requiredObject("rateLimits"));
    }
}
