package io.ringline.signaling.call.provider.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.signaling.call.CommandError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How Graph API errors reach the tenant (SPEC §3), code by code. */
class MetaErrorsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @ParameterizedTest(name = "Meta {0} (HTTP {1}) → {2} {3}")
    @CsvSource({
        "138006, 400, 403, META_CALL_PERMISSION_REQUIRED",
        "138009, 400, 429, META_CALL_PERMISSION_REQUEST_LIMIT",
        "131044, 400, 402, META_CALLING_PAYMENT_REQUIRED",
        "138012, 400, 429, META_CALL_LIMIT_REACHED",
        "138015, 400, 400, META_CALLING_CANNOT_BE_ENABLED",
        "100,    400, 502, PROVIDER_ERROR",
        "138000, 400, 502, PROVIDER_ERROR",
        "138001, 400, 502, PROVIDER_ERROR",
        "138002, 400, 502, PROVIDER_ERROR",
        "138003, 400, 502, PROVIDER_ERROR",
        "138005, 429, 502, PROVIDER_ERROR",
        "138013, 400, 502, PROVIDER_ERROR",
        "131055, 400, 502, PROVIDER_ERROR",
        "1,      500, 502, PROVIDER_ERROR",
    })
    void mapsCode(long metaCode, int metaStatus, int httpStatus, String code) {
        CommandError error = MetaErrors.fromResponse(metaStatus, """
                {"error":{"message":"Meta says no","type":"OAuthException","code":%d,
                          "error_data":{"details":"why exactly"},"fbtrace_id":"A1"}}""".formatted(metaCode), json);

        assertThat(error.httpStatus()).isEqualTo(httpStatus);
        assertThat(error.code()).isEqualTo(code);
        JsonNode details = json.readTree(error.detailsJson());
        assertThat(details.path("providerCode").asLong()).isEqualTo(metaCode);
        assertThat(details.path("providerMessage").asString()).isEqualTo("Meta says no");
        assertThat(details.path("providerDetails").asString()).isEqualTo("why exactly");
        assertThat(details.path("providerStatus").asInt()).isEqualTo(metaStatus);
    }

    @Test
    void anUnreadableErrorIsTheProvidersFailureWithItsBody() {
        CommandError error = MetaErrors.fromResponse(503, "upstream unavailable", json);

        assertThat(error.httpStatus()).isEqualTo(502);
        assertThat(error.code()).isEqualTo("PROVIDER_ERROR");
        assertThat(json.readTree(error.detailsJson()).path("providerMessage").asString())
                .isEqualTo("upstream unavailable");
        assertThat(json.readTree(error.detailsJson()).path("providerCode").isNull()).isTrue();
    }

    @Test
    void metasTextReachesTheTenantCapped() {
        String longText = "y".repeat(10_000);
        CommandError error = MetaErrors.fromResponse(400, """
                {"error":{"message":"%s","code":1,"error_data":{"details":"%s"}}}""".formatted(longText, longText), json);
        JsonNode details = json.readTree(error.detailsJson());

        assertThat(details.path("providerMessage").asString()).hasSize(io.ringline.platform.net.ProviderText.MAX_CHARS);
        assertThat(details.path("providerDetails").asString()).hasSize(io.ringline.platform.net.ProviderText.MAX_CHARS);
        assertThat(error.message().length()).isLessThan(300);
    }
}
