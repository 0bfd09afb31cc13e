package io.ringline.gateway.tenancy;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.support.Fixtures;
import io.ringline.gateway.support.Fixtures.TenantFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.platform.crypto.Hashing;
import io.ringline.platform.crypto.SecretBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

class TenancyApiIntegrationTest extends GatewayIntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    SecretBox secretBox;

    @Test
    void evoGoNumberIsCreatedAndReadWithoutItsInstanceToken() {
        TenantFixture tenant = fixtures.tenant();
        String phone = Fixtures.uniquePhone();
        String token = "go-instance-token-very-secret";

        JsonNode created = json(http.post().uri("/v1/numbers").header("x-api-key", tenant.key())
                .bodyValue(Map.of("phone", phone, "provider", "EVO_GO", "displayName", "Sales",
                        "evoGo", Map.of("baseUrl", "https://go.example.com/", "instanceName", "sales-1",
                                "instanceToken", token)))
                .exchange(), HttpStatus.CREATED);

        String id = created.get("id").stringValue();
        assertThat(id).startsWith("num_");
        assertThat(created.get("phone").stringValue()).isEqualTo(phone);
        assertThat(created.get("provider").stringValue()).isEqualTo("EVO_GO");
        assertThat(created.get("displayName").stringValue()).isEqualTo("Sales");
        assertThat(created.at("/evoGo/baseUrl").stringValue()).isEqualTo("https://go.example.com");
        assertThat(created.at("/evoGo/instanceName").stringValue()).isEqualTo("sales-1");
        assertThat(created.has("meta")).isFalse();
        assertThat(created.get("createdAt").isString()).isTrue();
        assertThat(created.get("updatedAt").isString()).isTrue();
        assertNoSecrets(created, token);

        JsonNode read = json(http.get().uri("/v1/numbers/{id}", id).header("x-api-key", tenant.key()).exchange(),
                HttpStatus.OK);
        assertThat(read).isEqualTo(created);
        JsonNode list = json(http.get().uri("/v1/numbers").header("x-api-key", tenant.key()).exchange(), HttpStatus.OK);
        assertThat(list.get("numbers")).containsExactly(created);
        assertNoSecrets(list, token);

        Map<String, Object> row = numberRow(id);
        String envelope = (String) row.get("encrypted_credentials");
        assertThat(envelope).startsWith("v2.").doesNotContain(token);
        assertThat(secretBox.decrypt(envelope)).isEqualTo("{\"instanceToken\":\"" + token + "\"}");
        assertThat(row.get("instance_token_hash")).isEqualTo(Hashing.sha256Hex(token));
    }

    @Test
    void metaNumberDefaultsTheGraphUrlAndKeepsItsSecretsEncrypted() {
        TenantFixture tenant = fixtures.tenant();

        JsonNode created = json(http.post().uri("/v1/numbers").header("x-api-key", tenant.key())
                .bodyValue(Map.of("phone", Fixtures.uniquePhone(), "provider", "META",
                        "meta", Map.of("phoneNumberId", "1234567890", "accessToken", "EAAG-access-token",
                                "appSecret", "app-secret-xyz", "verifyToken", "verify-token-abc")))
                .exchange(), HttpStatus.CREATED);

        assertThat(created.at("/meta/graphBaseUrl").stringValue()).isEqualTo("https://graph.facebook.com/v21.0");
        assertThat(created.at("/meta/phoneNumberId").stringValue()).isEqualTo("1234567890");
        assertThat(created.get("displayName").isNull()).isTrue();
        assertThat(created.has("evoGo")).isFalse();
        assertNoSecrets(created, "EAAG-access-token", "app-secret-xyz", "verify-token-abc");

        Map<String, Object> row = numberRow(created.get("id").stringValue());
        String envelope = (String) row.get("encrypted_credentials");
        assertThat(envelope).doesNotContain("EAAG-access-token").doesNotContain("app-secret-xyz");
        JsonNode credentials = Fixtures.json(secretBox.decrypt(envelope).getBytes());
        assertThat(credentials.get("accessToken").stringValue()).isEqualTo("EAAG-access-token");
        assertThat(credentials.get("appSecret").stringValue()).isEqualTo("app-secret-xyz");
        assertThat(credentials.get("verifyToken").stringValue()).isEqualTo("verify-token-abc");
        assertThat(row.get("verify_token_hash")).isEqualTo(Hashing.sha256Hex("verify-token-abc"));
        assertThat(row.get("instance_token_hash")).isNull();
    }

    @Test
    void invalidNumbersAreRefusedNamingTheField() {
        TenantFixture tenant = fixtures.tenant();
        Map<String, Object> go = Map.of("baseUrl", "http://go", "instanceName", "i", "instanceToken", "t");

        expectInvalid(tenant, Map.of("phone", "11999", "provider", "EVO_GO", "evoGo", go), "phone");
        expectInvalid(tenant, Map.of("phone", Fixtures.uniquePhone(), "provider", "SIGNAL", "evoGo", go), "provider");
        expectInvalid(tenant, Map.of("phone", Fixtures.uniquePhone(), "provider", "EVO_GO",
                "evoGo", Map.of("baseUrl", "http://go", "instanceName", "i")), "evoGo.instanceToken");
        expectInvalid(tenant, Map.of("phone", Fixtures.uniquePhone(), "provider", "EVO_GO",
                "evoGo", Map.of("baseUrl", "ftp://go", "instanceName", "i", "instanceToken", "t")), "evoGo.baseUrl");
        expectInvalid(tenant, Map.of("phone", Fixtures.uniquePhone(), "provider", "EVO_GO", "evoGo", go,
                "meta", Map.of()), "meta");
        expectInvalid(tenant, Map.of("phone", Fixtures.uniquePhone(), "provider", "EVO_GO", "evoGo", go,
                "colour", "red"), "colour");
        expectInvalid(tenant, Map.of("phone", 5511999999999L, "provider", "EVO_GO", "evoGo", go), "phone");

        JsonNode list = json(http.get().uri("/v1/numbers").header("x-api-key", tenant.key()).exchange(), HttpStatus.OK);
        assertThat(list.get("numbers").isEmpty()).as("nothing was created").isTrue();
    }

    @Test
    void aPhoneOrGoInstanceCanBeConnectedOnlyOnce() {
        TenantFixture tenant = fixtures.tenant();
        var number = fixtures.evoGoNumber(tenant);

        JsonNode samePhone = json(http.post().uri("/v1/numbers").header("x-api-key", tenant.key())
                .bodyValue(Map.of("phone", number.phone(), "provider", "EVO_GO", "evoGo",
                        Map.of("baseUrl", "http://go", "instanceName", "other", "instanceToken", "t")))
                .exchange(), HttpStatus.CONFLICT);
        JsonNode sameInstance = json(http.post().uri("/v1/numbers").header("x-api-key", tenant.key())
                .bodyValue(Map.of("phone", Fixtures.uniquePhone(), "provider", "EVO_GO", "evoGo",
                        Map.of("baseUrl", number.baseUrl(), "instanceName", number.instanceName(), "instanceToken", "t")))
                .exchange(), HttpStatus.CONFLICT);

        assertThat(samePhone.get("code").stringValue()).isEqualTo("NUMBER_ALREADY_EXISTS");
        assertThat(sameInstance).as("one answer whatever collided (NumberOwnershipIntegrationTest)")
                .isEqualTo(samePhone);
    }

    @Test
    void apiKeysAreShownOnceListedWithoutSecretsAndRevokedAtOnce() {
        TenantFixture tenant = fixtures.tenant();
        var number = fixtures.evoGoNumber(tenant);

        JsonNode created = json(http.post().uri("/v1/api-keys").header("x-api-key", tenant.key())
                .bodyValue(Map.of("name", "ci", "numberId", number.id())).exchange(), HttpStatus.CREATED);
        String key = created.get("key").stringValue();
        assertThat(key).matches("^rl_[A-Za-z0-9_-]{43}$");
        assertThat(created.get("id").stringValue()).startsWith("key_");
        assertThat(created.get("scope").stringValue()).isEqualTo("NUMBER");
        assertThat(created.get("numberId").stringValue()).isEqualTo(number.id());
        assertThat(created.get("prefix").stringValue()).isEqualTo(key.substring(0, 10));

        Map<String, Object> row = db.sql("SELECT key_hash FROM api_keys WHERE id = :id")
                .bind("id", created.get("id").stringValue()).fetch().one().block();
        assertThat(row.get("key_hash")).isEqualTo(Hashing.sha256Hex(key));

        JsonNode list = json(http.get().uri("/v1/api-keys").header("x-api-key", tenant.key()).exchange(), HttpStatus.OK);
        assertThat(list.get("apiKeys")).hasSize(3); // the tenant's first key, the fixture's number key, this one
        list.get("apiKeys").forEach(k -> assertThat(k.has("key")).isFalse());
        assertThat(list.toString()).doesNotContain(key);

        // The new key works (and is cached) ...
        http.get().uri("/v1/webhooks").header("x-api-key", key).exchange().expectStatus().isOk();
        // ... until it is revoked: from then on it is refused at once.
        http.delete().uri("/v1/api-keys/{id}", created.get("id").stringValue()).header("x-api-key", tenant.key())
                .exchange().expectStatus().isNoContent();
        JsonNode refused = json(http.get().uri("/v1/webhooks").header("x-api-key", key).exchange(),
                HttpStatus.UNAUTHORIZED);
        assertThat(refused.get("code").stringValue()).isEqualTo("UNAUTHORIZED");
        json(http.delete().uri("/v1/api-keys/{id}", created.get("id").stringValue())
                .header("x-api-key", tenant.key()).exchange(), HttpStatus.NOT_FOUND);
        JsonNode after = json(http.get().uri("/v1/api-keys").header("x-api-key", tenant.key()).exchange(),
                HttpStatus.OK);
        assertThat(after.get("apiKeys")).hasSize(2);
    }

    @Test
    void tenantKeysNeedANameAndANumberOfTheirOwnTenant() {
        TenantFixture tenant = fixtures.tenant();
        TenantFixture other = fixtures.tenant();
        var othersNumber = fixtures.evoGoNumber(other);

        JsonNode noName = json(http.post().uri("/v1/api-keys").header("x-api-key", tenant.key())
                .bodyValue(Map.of()).exchange(), HttpStatus.BAD_REQUEST);
        assertThat(noName.at("/details/field").stringValue()).isEqualTo("name");

        JsonNode foreign = json(http.post().uri("/v1/api-keys").header("x-api-key", tenant.key())
                .bodyValue(Map.of("name", "steal", "numberId", othersNumber.id())).exchange(), HttpStatus.NOT_FOUND);
        assertThat(foreign.get("code").stringValue()).isEqualTo("NUMBER_NOT_FOUND");

        JsonNode tenantKey = json(http.post().uri("/v1/api-keys").header("x-api-key", tenant.key())
                .bodyValue(Map.of("name", "admin")).exchange(), HttpStatus.CREATED);
        assertThat(tenantKey.get("scope").stringValue()).isEqualTo("TENANT");
        assertThat(tenantKey.get("numberId").isNull()).isTrue();
    }

    @Test
    void anotherTenantsNumbersAndKeysLookMissing() {
        TenantFixture a = fixtures.tenant();
        TenantFixture b = fixtures.tenant();
        var aNumber = fixtures.evoGoNumber(a);
        JsonNode aKeys = json(http.get().uri("/v1/api-keys").header("x-api-key", a.key()).exchange(), HttpStatus.OK);
        String aKeyId = aKeys.get("apiKeys").get(0).get("id").stringValue();

        JsonNode number = json(http.get().uri("/v1/numbers/{id}", aNumber.id()).header("x-api-key", b.key()).exchange(),
                HttpStatus.NOT_FOUND);
        assertThat(number.get("code").stringValue()).isEqualTo("NUMBER_NOT_FOUND");
        json(http.patch().uri("/v1/numbers/{id}", aNumber.id()).header("x-api-key", b.key())
                .bodyValue(Map.of("displayName", "mine")).exchange(), HttpStatus.NOT_FOUND);
        json(http.delete().uri("/v1/numbers/{id}", aNumber.id()).header("x-api-key", b.key()).exchange(),
                HttpStatus.NOT_FOUND);
        json(http.delete().uri("/v1/api-keys/{id}", aKeyId).header("x-api-key", b.key()).exchange(),
                HttpStatus.NOT_FOUND);
        JsonNode bNumbers = json(http.get().uri("/v1/numbers").header("x-api-key", b.key()).exchange(), HttpStatus.OK);
        assertThat(bNumbers.get("numbers").isEmpty()).isTrue();

        // A's number and key are untouched.
        http.get().uri("/v1/numbers/{id}", aNumber.id()).header("x-api-key", a.key()).exchange().expectStatus().isOk();
        http.get().uri("/v1/numbers").header("x-api-key", a.key()).exchange().expectStatus().isOk();
    }

    /**
     * Found by the abuse campaign: a NUL in an id reached PostgreSQL, which refused it, and the caller got a 500.
     * Such ids (NUL, spaces, non-ASCII) are now refused by the firewall before any handler; the handler's own check
     * still keeps every id the firewall lets through away from the database.
     */
    @Test
    void idsWithControlSpaceOrNonAsciiCharactersAreRefusedByTheFirewall() {
        TenantFixture tenant = fixtures.tenant();
        var number = fixtures.evoGoNumber(tenant);
        for (String id : List.of(number.id() + "\u0000", "num_' OR '1'='1", "num_\u202e1")) {
            JsonNode get = json(http.get().uri("/v1/numbers/{id}", id).header("x-api-key", tenant.key()).exchange(),
                    HttpStatus.BAD_REQUEST);
            assertThat(get.get("code").stringValue()).isEqualTo("INVALID_PATH");
            json(http.delete().uri("/v1/numbers/{id}", id).header("x-api-key", tenant.key()).exchange(),
                    HttpStatus.BAD_REQUEST);
        }
        http.get().uri("/v1/numbers/{id}", number.id()).header("x-api-key", tenant.key()).exchange()
                .expectStatus().isOk();
    }

    @Test
    void idsThatCannotNameARowAreNotFoundWithoutReachingTheDatabase() {
        TenantFixture tenant = fixtures.tenant();
        var number = fixtures.evoGoNumber(tenant);
        for (String id : List.of("num_'OR'1'='1", "x".repeat(65), number.id() + "'--")) {
            JsonNode get = json(http.get().uri("/v1/numbers/{id}", id).header("x-api-key", tenant.key()).exchange(),
                    HttpStatus.NOT_FOUND);
            assertThat(get.get("code").stringValue()).isEqualTo("NUMBER_NOT_FOUND");
            json(http.patch().uri("/v1/numbers/{id}", id).header("x-api-key", tenant.key())
                    .bodyValue(Map.of("displayName", "x")).exchange(), HttpStatus.NOT_FOUND);
            json(http.delete().uri("/v1/numbers/{id}", id).header("x-api-key", tenant.key()).exchange(),
                    HttpStatus.NOT_FOUND);
            JsonNode key = json(http.delete().uri("/v1/api-keys/{id}", id).header("x-api-key", tenant.key()).exchange(),
                    HttpStatus.NOT_FOUND);
            assertThat(key.get("code").stringValue()).isEqualTo("API_KEY_NOT_FOUND");
            JsonNode issued = json(http.post().uri("/v1/api-keys").header("x-api-key", tenant.key())
                    .bodyValue(Map.of("name", "k", "numberId", id)).exchange(), HttpStatus.NOT_FOUND);
            assertThat(issued.get("code").stringValue()).isEqualTo("NUMBER_NOT_FOUND");
        }
        http.get().uri("/v1/numbers/{id}", number.id()).header("x-api-key", tenant.key()).exchange()
                .expectStatus().isOk();
    }

    @Test
    void numbersCanBeRenamedGivenNewCredentialsAndDeleted() {
        TenantFixture tenant = fixtures.tenant();
        var number = fixtures.evoGoNumber(tenant);

        JsonNode renamed = json(http.patch().uri("/v1/numbers/{id}", number.id()).header("x-api-key", tenant.key())
                .bodyValue(Map.of("displayName", "Renamed", "evoGo", Map.of("instanceToken", "rotated-token")))
                .exchange(), HttpStatus.OK);
        assertThat(renamed.get("displayName").stringValue()).isEqualTo("Renamed");
        assertThat(renamed.at("/evoGo/instanceName").stringValue()).isEqualTo(number.instanceName());
        assertNoSecrets(renamed, "rotated-token");
        Map<String, Object> row = numberRow(number.id());
        assertThat(row.get("instance_token_hash")).isEqualTo(Hashing.sha256Hex("rotated-token"));
        assertThat(row.get("version")).isEqualTo(2L);

        JsonNode phoneChange = json(http.patch().uri("/v1/numbers/{id}", number.id()).header("x-api-key", tenant.key())
                .bodyValue(Map.of("phone", Fixtures.uniquePhone())).exchange(), HttpStatus.BAD_REQUEST);
        assertThat(phoneChange.at("/details/field").stringValue()).isEqualTo("phone");

        http.delete().uri("/v1/numbers/{id}", number.id()).header("x-api-key", tenant.key())
                .exchange().expectStatus().isNoContent();
        json(http.get().uri("/v1/numbers/{id}", number.id()).header("x-api-key", tenant.key()).exchange(),
                HttpStatus.NOT_FOUND);
        // The number's own key died with it.
        json(http.get().uri("/v1/calls").header("x-api-key", number.key()).exchange(), HttpStatus.UNAUTHORIZED);
        // And the phone can be connected again.
        http.post().uri("/v1/numbers").header("x-api-key", tenant.key())
                .bodyValue(Map.of("phone", number.phone(), "provider", "EVO_GO", "evoGo",
                        Map.of("baseUrl", "http://go", "instanceName", number.instanceName(), "instanceToken", "t")))
                .exchange().expectStatus().isCreated();
    }

    private void expectInvalid(TenantFixture tenant, Map<String, Object> body, String field) {
        JsonNode error = json(http.post().uri("/v1/numbers").header("x-api-key", tenant.key()).bodyValue(body)
                .exchange(), HttpStatus.BAD_REQUEST);
        assertThat(error.get("code").stringValue()).isEqualTo("INVALID_REQUEST");
        assertThat(error.at("/details/field").stringValue()).as(body.toString()).isEqualTo(field);
        assertThat(error.get("error").stringValue()).isNotBlank();
    }

    private Map<String, Object> numberRow(String id) {
        return db.sql("SELECT * FROM numbers WHERE id = :id").bind("id", id).fetch().one().block();
    }

    /** No field that smells like a credential, and none of the given secret values anywhere. */
    static void assertNoSecrets(JsonNode node, String... secrets) {
        List<String> names = new ArrayList<>();
        collectNames(node, names);
        assertThat(names).noneMatch(n -> n.toLowerCase().contains("token") || n.toLowerCase().contains("secret")
                || n.toLowerCase().contains("credential"));
        for (String secret : secrets) {
            assertThat(node.toString()).doesNotContain(secret);
        }
    }

    private static void collectNames(JsonNode node, List<String> names) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                names.add(e.getKey());
                collectNames(e.getValue(), names);
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectNames(child, names));
        }
    }
}
