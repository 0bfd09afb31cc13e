package io.ringline.signaling.call.provider.evogo;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.signaling.call.CommandError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** How Evolution GO's error answers reach the tenant, status by status. */
class EvoGoErrorsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @ParameterizedTest(name = "GO {0} → {1} {2}")
    @CsvSource({
        "400, 502, PROVIDER_ERROR",
        "401, 502, PROVIDER_ERROR",
        "404, 502, PROVIDER_ERROR",
        "409, 409, WHATSAPP_INSTANCE_NOT_CONNECTED",
        "500, 502, PROVIDER_ERROR",
        "503, 502, PROVIDER_ERROR",
    })
    void mapsStatus(int goStatus, int httpStatus, String code) {
        CommandError error = EvoGoErrors.fromResponse(goStatus, "{\"error\":\"instance says no\"}", json);

        assertThat(error.httpStatus()).isEqualTo(httpStatus);
        assertThat(error.code()).isEqualTo(code);
        assertThat(json.readTree(error.detailsJson()).path("providerStatus").asInt()).isEqualTo(goStatus);
        assertThat(json.readTree(error.detailsJson()).path("providerError").asString()).isEqualTo("instance says no");
    }

    @ParameterizedTest(name = "body {0}")
    @CsvSource(delimiter = '|', value = {
        "plain text failure | plain text failure",
        "{\"message\":\"x\"} | {\"message\":\"x\"}",
    })
    void keepsAnyBodyAsTheProviderMessage(String body, String expected) {
        CommandError error = EvoGoErrors.fromResponse(500, body, json);

        assertThat(json.readTree(error.detailsJson()).path("providerError").asString()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void providerTextReachesTheTenantCapped() {
        CommandError error = EvoGoErrors.fromResponse(500, "{\"error\":\"" + "x".repeat(5000) + "\"}", json);
        String shown = json.readTree(error.detailsJson()).path("providerError").asString();

        assertThat(shown).hasSize(io.ringline.platform.net.ProviderText.MAX_CHARS).matches("x+");
        assertThat(error.detailsJson().length()).isLessThan(400);
    }
}
