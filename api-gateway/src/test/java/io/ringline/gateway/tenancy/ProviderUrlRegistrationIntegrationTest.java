package io.ringline.gateway.tenancy;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.support.Fixtures;
import io.ringline.gateway.support.Fixtures.TenantFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Provider base URLs a tenant registers are checked at once (development switch off, as in production): a local,
 * private or reserved address, credentials, a fragment or another scheme → {@code 400} naming the field, nothing
 * created. The services' address guard checks every connection again (names are only judged there).
 */
class ProviderUrlRegistrationIntegrationTest extends GatewayIntegrationTest {

    @ParameterizedTest(name = "evoGo.baseUrl {0}")
    @ValueSource(strings = {"http://127.0.0.1:8083", "http://localhost:8083", "http://LOCALHOST.:8083",
            "http://[::1]:8083", "http://[::ffff:127.0.0.1]:8083", "http://0.0.0.0:8083", "http://10.0.0.5",
            "http://172.16.3.4", "http://192.168.1.10:8080", "http://169.254.169.254/latest", "http://100.64.0.1",
            "http://2130706433:8083", "http://127.1:8083", "http://metadata.google.internal",
            "https://user:pw@go.example.com", "https://go.example.com/#x", "ftp://go.example.com", "file:///etc/passwd"})
    void aGoBaseUrlWeMustNotCallIsRefusedAtRegistration(String baseUrl) {
        TenantFixture tenant = fixtures.tenant();
        JsonNode error = json(http.post().uri("/v1/numbers").header("x-api-key", tenant.key())
                .bodyValue(Map.of("phone", Fixtures.uniquePhone(), "provider", "EVO_GO",
                        "evoGo", Map.of("baseUrl", baseUrl, "instanceName", "i", "instanceToken", "t")))
                .exchange(), HttpStatus.BAD_REQUEST);

        assertThat(error.get("code").stringValue()).isEqualTo("INVALID_REQUEST");
        assertThat(error.at("/details/field").stringValue()).isEqualTo("evoGo.baseUrl");
        JsonNode list = json(http.get().uri("/v1/numbers").header("x-api-key", tenant.key()).exchange(), HttpStatus.OK);
        assertThat(list.get("numbers").isEmpty()).as("nothing was created").isTrue();
    }

    @Test
    void aMetaGraphUrlIsCheckedTheSameAndSoIsAChange() {
        TenantFixture tenant = fixtures.tenant();
        JsonNode error = json(http.post().uri("/v1/numbers").header("x-api-key", tenant.key())
                .bodyValue(Map.of("phone", Fixtures.uniquePhone(), "provider", "META",
                        "meta", Map.of("graphBaseUrl", "http://192.168.0.10/v21.0", "phoneNumberId", "1",
                                "accessToken", "a", "appSecret", "s")))
                .exchange(), HttpStatus.BAD_REQUEST);
        assertThat(error.at("/details/field").stringValue()).isEqualTo("meta.graphBaseUrl");

        var number = fixtures.evoGoNumber(tenant);
        JsonNode changed = json(http.patch().uri("/v1/numbers/{id}", number.id()).header("x-api-key", tenant.key())
                .bodyValue(Map.of("evoGo", Map.of("baseUrl", "http://127.0.0.1:8083"))).exchange(),
                HttpStatus.BAD_REQUEST);
        assertThat(changed.at("/details/field").stringValue()).isEqualTo("evoGo.baseUrl");
        JsonNode read = json(http.get().uri("/v1/numbers/{id}", number.id()).header("x-api-key", tenant.key())
                .exchange(), HttpStatus.OK);
        assertThat(read.at("/evoGo/baseUrl").stringValue()).isEqualTo(number.baseUrl());
    }

    @Test
    void aPublicNameIsAccepted() {
        TenantFixture tenant = fixtures.tenant();
        JsonNode created = json(http.post().uri("/v1/numbers").header("x-api-key", tenant.key())
                .bodyValue(Map.of("phone", Fixtures.uniquePhone(), "provider", "EVO_GO",
                        "evoGo", Map.of("baseUrl", "https://go.tenant-example.com:8443/", "instanceName", "i-ok",
                                "instanceToken", "t")))
                .exchange(), HttpStatus.CREATED);
        assertThat(created.at("/evoGo/baseUrl").stringValue()).isEqualTo("https://go.tenant-example.com:8443");
    }
}
