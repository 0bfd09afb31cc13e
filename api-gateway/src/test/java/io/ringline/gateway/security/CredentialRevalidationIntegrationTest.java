package io.ringline.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.Fixtures.TenantFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.gateway.tenancy.ApiKeySecret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The gateway's caches of API keys, callable numbers and GO routes read the entries in use again together before
 * they expire (docs/security.md "Read again before they expire, together"): a key, number and route in steady use are
 * never read alone again, and what another instance revoked, deleted or rotated — here written straight to the
 * database, as another instance would — is dropped by that bulk read. The shared context's
 * {@code auth-cache-ttl} is 5 s, so entries are due after 2.5 s.
 */
class CredentialRevalidationIntegrationTest extends GatewayIntegrationTest {

    private static final List<String> CREDENTIALS = List.of("api-key", "number", "evo-go-instance");
    private static final Duration TTL = Duration.ofSeconds(5);

    @Autowired
    MeterRegistry meters;

    @Autowired
    DatabaseClient db;

    @Test
    void aKeyANumberAndARouteInSteadyUseAreNeverReadAloneAgain() {
        TenantFixture tenant = fixtures.tenant();
        NumberFixture number = fixtures.evoGoNumber(tenant);
        use(number);
        Map<String, Double> readsBefore = counts("reads");
        Map<String, Double> bulkBefore = counts("bulk-reads");
        long warmAt = System.nanoTime();

        // Keep using them for longer than the TTL, until each cache has read again in bulk at least twice.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            use(number);
            return System.nanoTime() - warmAt > TTL.plusSeconds(1).toNanos()
                    && CREDENTIALS.stream().allMatch(c -> count("bulk-reads", c) >= bulkBefore.get(c) + 2);
        });

        assertThat(counts("reads")).as("one-key reads, which requests wait for, over %s of use", TTL.plusSeconds(1))
                .isEqualTo(readsBefore);
    }

    @Test
    void whatAnotherInstanceRevokedOrRotatedIsDroppedByTheBulkRead() {
        TenantFixture tenant = fixtures.tenant();
        NumberFixture number = fixtures.evoGoNumber(tenant);
        use(number);
        double bulkKeys = count("bulk-reads", "api-key");
        double bulkRoutes = count("bulk-reads", "evo-go-instance");

        db.sql("UPDATE api_keys SET revoked_at = now() WHERE key_hash = :hash")
                .bind("hash", ApiKeySecret.parse(number.key()).orElseThrow().hash()).then().block();
        db.sql("UPDATE numbers SET instance_token_hash = :rotated WHERE id = :id")
                .bind("rotated", "rotated-elsewhere-" + number.id()).bind("id", number.id()).then().block();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> callsStatus(number) == 401 && webhookStatus(number) == 401);
        assertThat(count("bulk-reads", "api-key")).as("the revoked key was found out by a bulk read")
                .isGreaterThan(bulkKeys);
        assertThat(count("bulk-reads", "evo-go-instance")).isGreaterThan(bulkRoutes);
    }

    private void use(NumberFixture number) {
        assertThat(callsStatus(number)).isNotEqualTo(401);
        assertThat(webhookStatus(number)).isEqualTo(200);
    }

    private int callsStatus(NumberFixture number) {
        return http.get().uri("/v1/calls/call_01JZZZZZZZZZZZZZZZZZZZZZZZ").header("x-api-key", number.key())
                .exchange().returnResult(byte[].class).getStatus().value();
    }

    private int webhookStatus(NumberFixture number) {
        return http.post().uri("/webhooks/evolution-go")
                .bodyValue(Map.of("event", "CallRinging", "instanceName", number.instanceName(),
                        "instanceToken", number.instanceToken(), "data", Map.of("CallID", "3EB0REVAL")))
                .exchange().returnResult(byte[].class).getStatus().value();
    }

    private Map<String, Double> counts(String meter) {
        return CREDENTIALS.stream().collect(java.util.stream.Collectors.toMap(c -> c, c -> count(meter, c)));
    }

    private double count(String meter, String credential) {
        return meters.counter("ringline.security.credential." + meter, "credential", credential).count();
    }
}
