package io.ringline.media.notices.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.infra.EmbeddedInfra;
import io.ringline.infra.InfraProperties;
import io.ringline.media.notices.CallNotices;
import io.ringline.media.realtime.relay.RealtimeSessions;
import io.ringline.media.support.CallEvents;
import io.ringline.platform.ids.Ids;
import io.ringline.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The notices consumer runs only while a session or a play holds it ({@link NoticeDemand}), and a run started by a
 * hold misses nothing produced since look-back before it: the real service against the embedded broker. Which
 * notices reach the sessions is read off the real {@link RealtimeSessions}, spied on.
 */
@SpringBootTest(properties = {
        "spring.config.name=media-bridge-service",
        "ringline.internal-token=test-internal-token",
        "ringline.media.notices.idle-stop=1s"})
class CallNoticesIntegrationTest {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry);
    }

    @Autowired
    CallNotices demand;

    @Autowired
    @Qualifier("callNoticesContainer")
    KafkaMessageListenerContainer<String, SpecificRecord> consumer;

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    MeterRegistry meters;

    @MockitoSpyBean
    RealtimeSessions sessions;

    @Test
    void nothingIsReadWhileNothingHoldsTheNoticesAndReadingStopsIdleStopAfterTheLastHoldIsLetGo() {
        await().atMost(DEADLINE).until(() -> !consumer.isRunning()); // idle-stop after whatever an earlier test held
        assertThat(gauge("ringline.media.notices.reading")).isZero();

        CallNotices.Hold first = demand.hold();
        await().atMost(DEADLINE).until(consumer::isRunning);
        CallNotices.Hold second = demand.hold();
        assertThat(gauge("ringline.media.notices.holds")).isEqualTo(2);
        first.close();
        first.close(); // letting go twice counts once
        await().during(Duration.ofSeconds(3)).atMost(DEADLINE).until(consumer::isRunning); // the second still holds
        assertThat(gauge("ringline.media.notices.reading")).isEqualTo(1);

        second.close();
        await().atMost(DEADLINE).until(() -> !consumer.isRunning());
        assertThat(gauge("ringline.media.notices.holds")).isZero();
    }

    @Test
    void anEndProducedJustBeforeTheFirstHoldOrWhileTheConsumerJoinsStillReachesTheSessions() {
        await().atMost(DEADLINE).until(() -> !consumer.isRunning());
        String numberId = Ids.newId("num");
        String endedBefore = Ids.newId("call");
        kafka.send(Topics.CALL_EVENTS.name(), numberId, CallEvents.ended(numberId, endedBefore)).join();

        try (CallNotices.Hold hold = demand.hold()) {
            String endedWhileJoining = Ids.newId("call");
            kafka.send(Topics.CALL_EVENTS.name(), numberId, CallEvents.ended(numberId, endedWhileJoining)).join();
            // A consumer starting from the end of the topic ("latest") would have missed both.
            verify(sessions, timeout(DEADLINE.toMillis())).callEnded(endedBefore);
            verify(sessions, timeout(DEADLINE.toMillis())).callEnded(endedWhileJoining);
        }
    }

    @Test
    void aRebalanceWithinARunResumesEachPartitionWhereItWasInsteadOfReadingTheRunAgain() {
        try (CallNotices.Hold hold = demand.hold()) {
            await().atMost(DEADLINE).until(() -> consumer.isRunning() && assigned() > 0);
            int partitions = assigned();
            String numberId = Ids.newId("num");
            String first = Ids.newId("call");
            kafka.send(Topics.CALL_EVENTS.name(), numberId, CallEvents.ended(numberId, first)).join();
            verify(sessions, timeout(DEADLINE.toMillis())).callEnded(first);

            // Another member joins the instance's group and leaves: two rebalances, every partition revoked twice.
            try (KafkaConsumer<byte[], byte[]> intruder = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().kafkaBootstrap(),
                    ConsumerConfig.GROUP_ID_CONFIG, consumer.getGroupId(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                intruder.subscribe(List.of(Topics.CALL_EVENTS.name()));
                await().atMost(DEADLINE).until(() -> {
                    intruder.poll(Duration.ofMillis(200));
                    return !intruder.assignment().isEmpty();
                });
            }
            await().atMost(DEADLINE).until(() -> assigned() == partitions);

            String second = Ids.newId("call");
            kafka.send(Topics.CALL_EVENTS.name(), numberId, CallEvents.ended(numberId, second)).join();
            verify(sessions, timeout(DEADLINE.toMillis())).callEnded(second);
            // Read from the run's start again, the first end would have been applied twice.
            verify(sessions, after(2_000).times(1)).callEnded(first);
        }
    }

    private int assigned() {
        var partitions = consumer.getAssignedPartitions();
        return partitions == null ? 0 : partitions.size();
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }
}
