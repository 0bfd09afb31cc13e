package io.ringline.gateway.calls;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.support.Fixtures;
import io.ringline.gateway.support.Fixtures.TenantFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.gateway.support.TestInfra;
import io.ringline.platform.ids.Ids;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

/**
 * A number row of a provider kind this version does not know (written by a newer version, or by hand) stays
 * readable, and every calls endpoint refuses it with SPEC §1's message — before anything is sent anywhere.
 */
class UnsupportedProviderIntegrationTest extends GatewayIntegrationTest {

    @Autowired
    DatabaseClient db;

    static Stream<Arguments> callsEndpoints() {
        String sdp = "{\"sdp\":\"v=0\"}";
        return Stream.of(
                Arguments.of("POST", "/v1/calls", "{\"to\":\"+5511988887777\"}"),
                Arguments.of("GET", "/v1/calls", null),
                Arguments.of("GET", "/v1/calls/CALLREF", null),
                Arguments.of("POST", "/v1/calls/CALLREF/accept", sdp),
                Arguments.of("POST", "/v1/calls/CALLREF/pre-accept", sdp),
                Arguments.of("POST", "/v1/calls/CALLREF/reject", null),
                Arguments.of("POST", "/v1/calls/CALLREF/terminate", null),
                Arguments.of("POST", "/v1/calls/CALLREF/play", "{\"mediaUrl\":\"https://x/a.mp3\"}"),
                Arguments.of("POST", "/v1/calls/CALLREF/realtime-session", null),
                Arguments.of("GET", "/v1/calls/settings", null),
                Arguments.of("PUT", "/v1/calls/settings", "{\"status\":\"ENABLED\"}"),
                Arguments.of("GET", "/v1/calls/permissions?to=%2B5511988887777", null),
                Arguments.of("POST", "/v1/calls/permissions/request", "{\"to\":\"+5511988887777\"}"));
    }

    @ParameterizedTest(name = "{0} {1} -> 400 FEATURE_NOT_SUPPORTED")
    @MethodSource("callsEndpoints")
    void everyCallsEndpointRefusesANumberOfAnUnsupportedKind(String method, String path, String body) {
        TenantFixture tenant = fixtures.tenant();
        String numberId = insertNumber(tenant.id(), "WHATSAPP_WEB_JS");
        String key = fixtures.numberKey(tenant, numberId);
        int seenBefore = TestInfra.http().seen().size();

        var request = http.method(HttpMethod.valueOf(method)).uri(path.replace("CALLREF", Ids.newId("call")))
                .header("x-api-key", key);
        var response = body == null ? request.exchange()
                : request.header("content-type", "application/json").bodyValue(body).exchange();
        JsonNode error = json(response, HttpStatus.BAD_REQUEST);

        assertThat(error.get("code").stringValue()).isEqualTo("FEATURE_NOT_SUPPORTED");
        assertThat(error.get("error").stringValue())
                .isEqualTo("Calling is only supported for Meta Cloud API and Evolution GO numbers.");
        assertThat(TestInfra.signaling().commandsFor(numberId)).isEmpty();
        assertThat(TestInfra.http().seen().subList(seenBefore, TestInfra.http().seen().size()))
                .noneMatch(seen -> seen.path().contains(numberId));
    }

    @org.junit.jupiter.api.Test
    void theNumberIsStillListedReadableAndDeletableButNotEditable() {
        TenantFixture tenant = fixtures.tenant();
        String numberId = insertNumber(tenant.id(), "SOME_FUTURE_PROVIDER");

        JsonNode one = json(http.get().uri("/v1/numbers/{id}", numberId).header("x-api-key", tenant.key()).exchange(),
                HttpStatus.OK);
        assertThat(one.get("provider").stringValue()).isEqualTo("UNKNOWN");
        assertThat(one.has("evoGo")).isFalse();
        assertThat(one.has("meta")).isFalse();
        JsonNode list = json(http.get().uri("/v1/numbers").header("x-api-key", tenant.key()).exchange(), HttpStatus.OK);
        assertThat(list.get("numbers")).extracting(n -> n.get("id").stringValue()).contains(numberId);

        JsonNode patch = json(http.patch().uri("/v1/numbers/{id}", numberId).header("x-api-key", tenant.key())
                .bodyValue(Map.of("displayName", "x")).exchange(), HttpStatus.BAD_REQUEST);
        assertThat(patch.get("code").stringValue()).isEqualTo("FEATURE_NOT_SUPPORTED");

        JsonNode created = json(http.post().uri("/v1/numbers").header("x-api-key", tenant.key())
                .bodyValue(Map.of("phone", Fixtures.uniquePhone(), "provider", "UNKNOWN")).exchange(),
                HttpStatus.BAD_REQUEST);
        assertThat(created.at("/details/field").stringValue()).isEqualTo("provider");

        http.delete().uri("/v1/numbers/{id}", numberId).header("x-api-key", tenant.key()).exchange()
                .expectStatus().isNoContent();
    }

    private String insertNumber(String tenantId, String kind) {
        String id = Ids.newId("num");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        db.sql("INSERT INTO numbers (id, tenant_id, phone, provider, base_url, account_id, encrypted_credentials, "
                        + "version, created_at, updated_at) VALUES (:id, :tenantId, :phone, :provider, "
                        + "'https://provider.example', :account, 'opaque', 1, :now, :now)")
                .bind("id", id).bind("tenantId", tenantId).bind("phone", Fixtures.uniquePhone())
                .bind("provider", kind).bind("account", "acct-" + id).bind("now", now)
                .then().block();
        return id;
    }
}
