package io.ringline.signaling.number.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.infra.EmbeddedInfra;
import io.ringline.platform.ids.Ids;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.CommandReply;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.schemas.avro.NumberRevision;
import io.ringline.signaling.support.FakeEvoGo;
import io.ringline.signaling.support.Fixtures;
import io.ringline.signaling.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The numbers topic feeds the replica commands are served from: the newest revision wins whatever the order of
 * arrival, a deleted number refuses commands, a command naming a revision not replicated yet waits for it (and is
 * refused, retryably, if it does not come), and records that are not readable revisions go to {@code numbers.DLT}
 * while the consumer goes on.
 */
class NumberReplicationIntegrationTest extends IntegrationTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anOlderRevisionArrivingLastChangesNothing() {
        FakeEvoGo.Instance current = evoGo.newInstance();
        FakeEvoGo.Instance stale = evoGo.newInstance();
        NumberContext v2 = withInstance(Fixtures.evoGoNumber(secretBox, current), current, 2);
        NumberContext v1 = withInstance(v2, stale, 1);

        publish(v2);
        publish(v1);
        awaitNumbersConsumed();

        assertThat(numberColumn(v2.getNumberId(), "version", Long.class)).isEqualTo(2L);
        assertThat(numberColumn(v2.getNumberId(), "base_url", String.class)).isEqualTo(current.baseUrl());
        CallCommand place = Fixtures.place(v1, Ids.newId("call"), "+5511955551111"); // the gateway still at v1
        send(place);
        assertThat(awaitReply(place.getCommandId()).getError()).isNull();
        assertThat(current.requests("/call/start")).hasSize(1);
        assertThat(stale.requests()).as("a revision older than the stored one is never used").isEmpty();
    }

    @Test
    void aDeletedNumberRefusesCommandsAndReachesNoProvider() {
        FakeEvoGo.Instance go = evoGo.newInstance();
        NumberContext number = newEvoGoNumber(go);
        kafka.send("numbers", number.getNumberId(),
                Fixtures.revision(NumberContext.newBuilder(number).setVersion(2).build(), true), Map.of());
        awaitNumbersConsumed();

        CallCommand place = Fixtures.place(number, Ids.newId("call"), "+5511955552222");
        send(place);

        CommandReply reply = awaitReply(place.getCommandId());
        assertThat(reply.getError().getHttpStatus()).isEqualTo(404);
        assertThat(reply.getError().getCode()).isEqualTo("NUMBER_NOT_FOUND");
        assertThat(go.requests()).isEmpty();
        assertThat(status(place.getCallId())).as("nothing stored").isNull();
        assertThat(numberColumn(number.getNumberId(), "deleted", Boolean.class)).isTrue();
    }

    @Test
    void aCommandNamingAnotherTenantIsRefused() {
        FakeEvoGo.Instance go = evoGo.newInstance();
        NumberContext number = newEvoGoNumber(go);
        CallCommand place = CallCommand.newBuilder(Fixtures.place(number, Ids.newId("call"), "+5511955553333"))
                .setTenantId("ten_someone_else").build();
        send(place);

        assertThat(awaitReply(place.getCommandId()).getError().getCode()).isEqualTo("NUMBER_NOT_FOUND");
        assertThat(go.requests()).isEmpty();
    }

    @Test
    void aCommandWaitsForTheRevisionItNamesAndUsesIt() {
        FakeEvoGo.Instance before = evoGo.newInstance();
        FakeEvoGo.Instance after = evoGo.newInstance();
        NumberContext v1 = newEvoGoNumber(before);
        NumberContext v2 = withInstance(v1, after, 2);

        CallCommand place = Fixtures.place(v2, Ids.newId("call"), "+5511955554444"); // sent before v2 is published
        send(place);
        publish(v2);

        assertThat(awaitReply(place.getCommandId()).getError()).isNull();
        assertThat(after.requests("/call/start")).hasSize(1);
        assertThat(before.requests()).isEmpty();
    }

    @Test
    void aRevisionThatNeverArrivesIsRefusedRetryablyAndChangesNothing() throws Exception {
        FakeEvoGo.Instance go = evoGo.newInstance();
        NumberContext number = newEvoGoNumber(go);
        CallCommand place = Fixtures.place(NumberContext.newBuilder(number).setVersion(99).build(), Ids.newId("call"),
                "+5511955555555");
        send(place);

        CommandReply reply = awaitReply(place.getCommandId());
        assertThat(reply.getError().getHttpStatus()).isEqualTo(503);
        assertThat(reply.getError().getCode()).isEqualTo("NUMBER_NOT_READY");
        assertThat(json.readTree(reply.getError().getDetailsJson()).path("retryAfterSeconds").asInt()).isPositive();
        assertThat(go.requests()).isEmpty();
        assertThat(status(place.getCallId())).isNull();
    }

    @Test
    void poisonOnTheNumbersTopicIsDeadLetteredAndTheNextRevisionStillApplies() {
        FakeEvoGo.Instance go = evoGo.newInstance();
        NumberContext number = Fixtures.evoGoNumber(secretBox, go);
        byte[] garbage = ("not a revision " + Ids.newId("x")).getBytes(StandardCharsets.UTF_8);
        NumberRevision blankCredentials = Fixtures.revision(
                NumberContext.newBuilder(number).setEncryptedCredentials("").build(), false);

        kafka.send("numbers", number.getNumberId(), garbage, Map.of());
        kafka.send("numbers", number.getNumberId(), blankCredentials, Map.of());
        kafka.send("numbers", number.getNumberId(), (byte[]) null, Map.of()); // a tombstone: deletion is a revision
        publish(NumberContext.newBuilder(number).setVersion(2).build());

        await().atMost(WAIT).until(() -> numberColumn(number.getNumberId(), "version", Long.class),
                version -> version != null && version == 2L);
        await().atMost(WAIT).until(() -> kafka.on("numbers.DLT", c -> number.getNumberId().equals(c.key())),
                parked -> parked.size() == 3);
    }

    private NumberContext withInstance(NumberContext number, FakeEvoGo.Instance go, long version) {
        return NumberContext.newBuilder(number).setBaseUrl(go.baseUrl()).setVersion(version)
                .setEncryptedCredentials(secretBox.encrypt("{\"instanceToken\":\"" + go.token() + "\"}")).build();
    }

    private <T> T numberColumn(String numberId, String column, Class<T> type) {
        return db.sql("SELECT " + column + " FROM numbers WHERE number_id = :id").bind("id", numberId)
                .map(row -> java.util.Optional.ofNullable(row.get(column, type))).one()
                .blockOptional(Duration.ofSeconds(5)).flatMap(v -> v).orElse(null);
    }

    /** Until the service's consumer group has committed everything on the numbers topic. */
    private static void awaitNumbersConsumed() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().kafkaBootstrap());
        try (Admin admin = Admin.create(props)) {
            await().atMost(WAIT).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets("call-signaling-service").partitionsToOffsetAndMetadata().get();
                var partitions = admin.describeTopics(java.util.List.of("numbers")).allTopicNames().get().get("numbers")
                        .partitions().stream().map(p -> new TopicPartition("numbers", p.partition()))
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
                var ends = admin.listOffsets(partitions).all().get();
                return ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                        || (committed.get(end.getKey()) != null
                                && committed.get(end.getKey()).offset() >= end.getValue().offset()));
            });
        }
    }
}
