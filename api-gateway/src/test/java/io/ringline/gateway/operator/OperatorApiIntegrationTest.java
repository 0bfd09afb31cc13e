package io.ringline.gateway.operator;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.support.GatewayIntegrationTest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

class OperatorApiIntegrationTest extends GatewayIntegrationTest {

    @Autowired
    DatabaseClient db;

    @Test
    void operatorCreatesTenantWithAWorkingTenantKey() {
        JsonNode body = json(http.post().uri("/admin/tenants").header("x-operator-token", OPERATOR_TOKEN)
                .bodyValue(Map.of("name", "Acme")).exchange(), HttpStatus.CREATED);

        assertThat(body.at("/tenant/id").stringValue()).startsWith("ten_");
        assertThat(body.at("/tenant/name").stringValue()).isEqualTo("Acme");
        assertThat(Instant.parse(body.at("/tenant/createdAt").stringValue())).isBefore(Instant.now().plusSeconds(1));
        String key = body.at("/apiKey/key").stringValue();
        assertThat(key).matches("^rl_[A-Za-z0-9_-]{43}$");
        assertThat(body.at("/apiKey/id").stringValue()).startsWith("key_");
        assertThat(body.at("/apiKey/scope").stringValue()).isEqualTo("TENANT");
        assertThat(body.at("/apiKey/prefix").stringValue()).isEqualTo(key.substring(0, 10));

        JsonNode numbers = json(http.get().uri("/v1/numbers").header("x-api-key", key).exchange(), HttpStatus.OK);
        assertThat(numbers.get("numbers").isEmpty()).isTrue();
    }

    @Test
    void wrongOrMissingOperatorTokenIsRefusedAndCreatesNothing() {
        long before = tenantCount();

        JsonNode missing = json(http.post().uri("/admin/tenants").bodyValue(Map.of("name", "Nope")).exchange(),
                HttpStatus.UNAUTHORIZED);
        JsonNode wrong = json(http.post().uri("/admin/tenants").header("x-operator-token", OPERATOR_TOKEN + "x")
                .bodyValue(Map.of("name", "Nope")).exchange(), HttpStatus.UNAUTHORIZED);

        assertThat(missing.get("code").stringValue()).isEqualTo("UNAUTHORIZED");
        assertThat(wrong.get("code").stringValue()).isEqualTo("UNAUTHORIZED");
        assertThat(tenantCount()).isEqualTo(before);
    }

    @Test
    void tenantNeedsAName() {
        JsonNode error = json(http.post().uri("/admin/tenants").header("x-operator-token", OPERATOR_TOKEN)
                .bodyValue(Map.of("title", "x")).exchange(), HttpStatus.BAD_REQUEST);

        assertThat(error.get("code").stringValue()).isEqualTo("INVALID_REQUEST");
        assertThat(error.at("/details/field").stringValue()).isEqualTo("title");
    }

    private long tenantCount() {
        return db.sql("SELECT count(*) AS n FROM tenants").map(row -> row.get("n", Long.class)).one().block();
    }
}
