package io.ringline.gateway.tenancy.messaging;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.Fixtures.TenantFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.gateway.support.TestInfra;
import io.ringline.platform.crypto.SecretBox;
import io.ringline.schemas.avro.NumberRevision;
import io.ringline.schemas.avro.Provider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Every change of a number reaches the compacted numbers topic through the outbox — registration, update,
 * credential rotation, deletion — with its credentials sealed; and numbers never published (registered before
 * the topic existed, or re-sealed by {@code bin/reencrypt}) are published by the sweep.
 */
class NumberPublicationIntegrationTest extends GatewayIntegrationTest {

    @Autowired
    SecretBox secretBox;
    @Autowired
    DatabaseClient db;
    @Autowired
    NumberPublisher publisher;

    @Test
    void registrationUpdateRotationAndDeletionArePublishedInOrderWithSealedCredentials() {
        TenantFixture tenant = fixtures.tenant();
        NumberFixture number = fixtures.evoGoNumber(tenant);

        NumberRevision registered = awaitRevision(number.id(), 1);
        assertThat(registered.getDeleted()).isFalse();
        assertThat(registered.getNumber().getTenantId()).isEqualTo(tenant.id());
        assertThat(registered.getNumber().getProvider()).isEqualTo(Provider.EVO_GO);
        assertThat(registered.getNumber().getBaseUrl()).isEqualTo(number.baseUrl());
        assertThat(registered.getNumber().getAccountId()).isEqualTo(number.instanceName());
        assertThat(secretBox.decrypt(registered.getNumber().getEncryptedCredentials()))
                .isEqualTo("{\"instanceToken\":\"" + number.instanceToken() + "\"}");

        json(http.patch().uri("/v1/numbers/{id}", number.id()).header("x-api-key", tenant.key())
                .bodyValue(Map.of("displayName", "Front desk")).exchange(), HttpStatus.OK);
        assertThat(awaitRevision(number.id(), 2).getNumber().getEncryptedCredentials())
                .isEqualTo(registered.getNumber().getEncryptedCredentials());

        String rotated = "go-token-rotated-" + number.id();
        json(http.patch().uri("/v1/numbers/{id}", number.id()).header("x-api-key", tenant.key())
                .bodyValue(Map.of("evoGo", Map.of("instanceToken", rotated))).exchange(), HttpStatus.OK);
        NumberRevision rotation = awaitRevision(number.id(), 3);
        assertThat(secretBox.decrypt(rotation.getNumber().getEncryptedCredentials()))
                .isEqualTo("{\"instanceToken\":\"" + rotated + "\"}");

        http.delete().uri("/v1/numbers/{id}", number.id()).header("x-api-key", tenant.key()).exchange()
                .expectStatus().isNoContent();
        assertThat(awaitRevision(number.id(), 4).getDeleted()).isTrue();

        List<ConsumerRecord<String, SpecificRecord>> records = TestInfra.numbers().keyed(number.id());
        assertThat(records).extracting(r -> ((NumberRevision) r.value()).getNumber().getVersion())
                .as("one record per revision, in order").containsExactly(1L, 2L, 3L, 4L);
        assertThat(records).allSatisfy(r -> assertThat(wire(r)).as("never a secret in clear on the topic")
                .doesNotContain(number.instanceToken()).doesNotContain(rotated));
    }

    @Test
    void numbersNeverPublishedOrResealedArePublishedByTheSweep() {
        NumberFixture number = fixtures.metaNumber(fixtures.tenant());
        awaitRevision(number.id(), 1);
        // as a number registered before the topic existed looks, and as bin/reencrypt leaves one (version bumped)
        db.sql("UPDATE numbers SET published_version = NULL, version = version + 1 WHERE id = :id")
                .bind("id", number.id()).fetch().rowsUpdated().block(Duration.ofSeconds(5));

        publisher.sweep().block(Duration.ofSeconds(10));

        NumberRevision swept = awaitRevision(number.id(), 2);
        assertThat(swept.getDeleted()).isFalse();
        assertThat(swept.getNumber().getProvider()).isEqualTo(Provider.META);
        assertThat(db.sql("SELECT published_version FROM numbers WHERE id = :id").bind("id", number.id())
                .map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(5))).isEqualTo(2L);
        assertThat(publisher.sweep().block(Duration.ofSeconds(10))).as("nothing left to publish for it")
                .isZero();
    }

    private static NumberRevision awaitRevision(String numberId, long version) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> TestInfra.numbers().keyed(numberId).stream()
                        .map(r -> (NumberRevision) r.value())
                        .filter(r -> r.getNumber().getVersion() == version)
                        .findFirst(), found -> found.isPresent())
                .orElseThrow();
    }

    /** The record as it travels: the recorder decoded it, so re-encode its text form to search it. */
    private static String wire(ConsumerRecord<String, SpecificRecord> record) {
        return new String(io.ringline.schemas.serde.AvroTypes.codec(NumberRevision.class)
                .encode((NumberRevision) record.value()), StandardCharsets.ISO_8859_1);
    }
}
