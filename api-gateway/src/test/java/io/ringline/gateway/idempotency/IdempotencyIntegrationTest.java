package io.ringline.gateway.idempotency;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.gateway.support.FakeSignalingService;
import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.gateway.support.TestInfra;
import io.ringline.platform.crypto.SecretBox;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.PlaceCall;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

class IdempotencyIntegrationTest extends GatewayIntegrationTest {

    @Autowired
    DatabaseClient db;
    @Autowired
    SecretBox secretBox;

    @Test
    void aRetryWithTheSameKeyAndBodyReplaysTheFirstResponseAndPlacesOneCall() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        String key = UUID.randomUUID().toString();

        WebTestClient.ResponseSpec first = place(number, key, "+5511977776666");
        JsonNode firstBody = json(first, HttpStatus.CREATED);
        WebTestClient.ResponseSpec retry = place(number, key, "+5511977776666");
        retry.expectHeader().valueEquals("Idempotent-Replayed", "true");
        JsonNode retryBody = json(retry, HttpStatus.CREATED);

        assertThat(retryBody).isEqualTo(firstBody);
        place(number, null, "+5511900000009").expectStatus().isCreated();
        List<CallCommand> sent = await().atMost(Duration.ofSeconds(10))
                .until(() -> commandsOf(number), c -> c.size() >= 2);
        assertThat(sent).extracting(c -> ((PlaceCall) c.getAction()).getTo())
                .containsExactly("+5511977776666", "+5511900000009");
    }

    @Test
    void aRetryTakingOverTheClaimOfACrashedInstanceSendsTheSameCommandSoNoSecondCallIsPlaced() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        String key = UUID.randomUUID().toString();
        // The first attempt's command reached the signaling service, which placed the call...
        JsonNode first = json(place(number, key, "+5511977772222"), HttpStatus.CREATED);
        // ...but its instance died before storing the answer: the claim is left unfinished and ages past the
        // abandonment limit (6 × command-timeout), as a crashed instance leaves it.
        db.sql("UPDATE idempotency_keys SET status = NULL, content_type = NULL, response_sealed = NULL, "
                        + "completed_at = NULL, created_at = now() - interval '1 hour' WHERE idempotency_key = :i")
                .bind("i", key).fetch().rowsUpdated().block(Duration.ofSeconds(10));

        // a different request cannot take the unfinished claim over
        assertThat(json(place(number, key, "+5511977771111"), HttpStatus.UNPROCESSABLE_CONTENT).get("code")
                .stringValue()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        WebTestClient.ResponseSpec retry = place(number, key, "+5511977772222");
        retry.expectHeader().doesNotExist("Idempotent-Replayed");
        JsonNode retried = json(retry, HttpStatus.CREATED);

        assertThat(retried.get("id")).isEqualTo(first.get("id"));
        List<CallCommand> sent = await().atMost(Duration.ofSeconds(10))
                .until(() -> commandsOf(number), c -> c.size() >= 2);
        assertThat(sent).hasSize(2);
        // the same command again: the signaling service answers it from what it stored, without the provider
        assertThat(sent.get(1).getCommandId()).isEqualTo(sent.get(0).getCommandId());
        assertThat(sent).extracting(CallCommand::getCallId).containsOnly(first.get("id").stringValue());
        // the retry's answer is the one stored now
        place(number, key, "+5511977772222").expectHeader().valueEquals("Idempotent-Replayed", "true");
    }

    @Test
    void theSameKeyForADifferentRequestIsRefused() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        String key = UUID.randomUUID().toString();
        place(number, key, "+5511977776666").expectStatus().isCreated();

        JsonNode error = json(place(number, key, "+5511977775555"), HttpStatus.UNPROCESSABLE_CONTENT);

        assertThat(error.get("code").stringValue()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void clientErrorsAreReplayedButServerSideFailuresMayBeRetried() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        String invalidKey = UUID.randomUUID().toString();
        json(place(number, invalidKey, "not-a-phone"), HttpStatus.BAD_REQUEST);
        WebTestClient.ResponseSpec replayed = place(number, invalidKey, "not-a-phone");
        replayed.expectHeader().valueEquals("Idempotent-Replayed", "true");
        assertThat(json(replayed, HttpStatus.BAD_REQUEST).at("/details/field").stringValue()).isEqualTo("to");

        String timeoutKey = UUID.randomUUID().toString();
        TestInfra.signaling().behave(number.id(), FakeSignalingService.silent());
        json(place(number, timeoutKey, "+5511977774444"), HttpStatus.GATEWAY_TIMEOUT);
        TestInfra.signaling().behave(number.id(), FakeSignalingService::succeed);
        WebTestClient.ResponseSpec rerun = place(number, timeoutKey, "+5511977774444");
        rerun.expectHeader().doesNotExist("Idempotent-Replayed");
        json(rerun, HttpStatus.CREATED);
    }

    @Test
    void keysAreScopedToTheApiKeyAndMustBeWellFormed() {
        var tenant = fixtures.tenant();
        NumberFixture a = fixtures.evoGoNumber(tenant);
        NumberFixture b = fixtures.evoGoNumber(tenant);
        String key = UUID.randomUUID().toString();

        JsonNode first = json(place(a, key, "+5511977773333"), HttpStatus.CREATED);
        JsonNode other = json(place(b, key, "+5511977773333"), HttpStatus.CREATED);
        assertThat(other.get("id")).isNotEqualTo(first.get("id"));

        JsonNode error = json(place(a, "x".repeat(256), "+5511977773333"), HttpStatus.BAD_REQUEST);
        assertThat(error.at("/details/field").stringValue()).isEqualTo("Idempotency-Key");
    }

    @Test
    void tenantAdminPostsAreIdempotentToo() {
        var tenant = fixtures.tenant();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("name", "ci");

        JsonNode first = json(http.post().uri("/v1/api-keys").header("x-api-key", tenant.key())
                .header("Idempotency-Key", key).bodyValue(body).exchange(), HttpStatus.CREATED);
        JsonNode retry = json(http.post().uri("/v1/api-keys").header("x-api-key", tenant.key())
                .header("Idempotency-Key", key).bodyValue(body).exchange(), HttpStatus.CREATED);

        assertThat(retry).isEqualTo(first);
        JsonNode keys = json(http.get().uri("/v1/api-keys").header("x-api-key", tenant.key()).exchange(), HttpStatus.OK);
        assertThat(keys.get("apiKeys")).hasSize(2);
    }

    @Test
    void storedResponsesAreSealedSoANewKeyNeverRestsInClear() {
        var tenant = fixtures.tenant();
        String idempotencyKey = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("name", "sealed");

        JsonNode first = json(http.post().uri("/v1/api-keys").header("x-api-key", tenant.key())
                .header("Idempotency-Key", idempotencyKey).bodyValue(body).exchange(), HttpStatus.CREATED);
        String minted = first.get("key").stringValue();

        Map<String, Object> row = db.sql("SELECT * FROM idempotency_keys WHERE idempotency_key = :i")
                .bind("i", idempotencyKey).fetch().one().block(Duration.ofSeconds(10));
        String sealed = (String) row.get("response_sealed");
        assertThat(sealed).startsWith("v2.").doesNotContain(minted).doesNotContain(minted.substring(3));
        assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(minted));
        assertThat(secretBox.decrypt(sealed)).contains(minted);
        // The replay opens what was sealed: the same key, once more, and nothing new is created.
        JsonNode retry = json(http.post().uri("/v1/api-keys").header("x-api-key", tenant.key())
                .header("Idempotency-Key", idempotencyKey).bodyValue(body).exchange(), HttpStatus.CREATED);
        assertThat(retry).isEqualTo(first);
    }

    private WebTestClient.ResponseSpec place(NumberFixture number, String idempotencyKey, String to) {
        var request = http.post().uri("/v1/calls").header("x-api-key", number.key());
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.bodyValue(Map.of("to", to)).exchange();
    }

    private List<CallCommand> commandsOf(NumberFixture number) {
        return TestInfra.signaling().commandsFor(number.id()).stream().map(r -> (CallCommand) r.value()).toList();
    }
}
