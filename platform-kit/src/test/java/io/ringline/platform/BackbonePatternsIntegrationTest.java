package io.ringline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.infra.EmbeddedInfra;
import io.ringline.infra.InfraProperties;
import io.ringline.platform.kafka.OrderedBatchProcessor;
import io.ringline.platform.kafka.PoisonRecordException;
import io.ringline.platform.outbox.OutboxWriter;
import io.ringline.platform.persistence.ProcessedMessages;
import io.ringline.platform.persistence.Transactions;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.testsupport.kafka.DeadLetterReader;
import io.ringline.testsupport.kafka.DeadLetterReader.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/**
 * The reliability patterns of the platform kit against a real broker and a real PostgreSQL: outbox
 * (commit publishes, rollback publishes nothing; a transaction's rows written together, in order, before it
 * commits), idempotent consumer, dead-lettering of poison records
 * while the partition keeps moving, and redelivery (not dead-lettering) of transient failures.
 */
@SpringBootTest(classes = KitTestApplication.class, properties = "spring.config.name=kit-test")
@Import(BackbonePatternsIntegrationTest.Handler.class)
class BackbonePatternsIntegrationTest {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry);
    }

    @Autowired
    Transactions transactions;
    @Autowired
    OutboxWriter outbox;
    @Autowired
    ProcessedMessages processed;
    @Autowired
    KafkaTemplate<String, byte[]> bytesKafkaTemplate;
    @Autowired
    Handler handler;
    @Autowired
    DatabaseClient db;
    @Autowired
    MeterRegistry meters;

    /** Consumes call-events like a service would; what it does depends on the event id's prefix. */
    @TestConfiguration
    static class Handler {
        final List<String> effects = new CopyOnWriteArrayList<>();
        final AtomicInteger transientFailuresLeft = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        private final OrderedBatchProcessor processor;
        private final Transactions transactions;
        private final ProcessedMessages processed;

        Handler(OrderedBatchProcessor processor, Transactions transactions, ProcessedMessages processed) {
            this.processor = processor;
            this.transactions = transactions;
            this.processed = processed;
        }

        @KafkaListener(topics = "call-events", groupId = "kit-test")
        void onBatch(List<ConsumerRecord<String, CallEvent>> records) {
            processor.process(records, CallEvent::getCallId, r -> handle(r.value()));
        }

        private Mono<Void> handle(CallEvent event) {
            String id = event.getEventId();
            if (id.startsWith("poison")) {
                return Mono.error(new PoisonRecordException("contract violation in " + id));
            }
            if (id.startsWith("transient")) {
                attempts.incrementAndGet();
                if (transientFailuresLeft.getAndDecrement() > 0) {
                    return Mono.error(new DataAccessResourceFailureException("database unavailable"));
                }
            }
            return transactions.inTransaction(() -> processed.firstDelivery("kit-test", id)
                    .doOnNext(first -> {
                        if (first) {
                            effects.add(id);
                        }
                    })).then();
        }
    }

    @Test
    void anOutboxRowIsPublishedOnlyWhenItsTransactionCommits() {
        String call = "call_" + UUID.randomUUID();
        transactions.inTransaction(() -> outbox.append(Topics.CALL_EVENTS, "num_kit", KitEvents.event("rolled-back-" + call, call))
                        .then(Mono.error(new IllegalStateException("business rule failed"))))
                .onErrorResume(IllegalStateException.class, e -> Mono.empty())
                .block();
        transactions.inTransaction(() -> outbox.append(Topics.CALL_EVENTS, "num_kit", KitEvents.event("committed-1-" + call, call))
                .then(outbox.append(Topics.CALL_EVENTS, "num_kit", KitEvents.event("committed-2-" + call, call)))).block();

        await().atMost(Duration.ofSeconds(30)).until(() -> handler.effects.contains("committed-2-" + call));
        // Same key, same partition: had the rolled-back row been published it would have arrived first.
        assertThat(handler.effects).doesNotContain("rolled-back-" + call);
        assertThat(handler.effects.indexOf("committed-1-" + call)).isLessThan(handler.effects.indexOf("committed-2-" + call));
        assertThat(db.sql("SELECT count(*) FROM outbox").map(r -> r.get(0, Long.class)).one().block()).isZero();
    }

    @Test
    void aTransactionsOutboxRowsAreWrittenInOneStatementBeforeItCommitsInTheOrderAppended() {
        String call = "call_" + UUID.randomUUID();
        DistributionSummary writes = meters.get("ringline.outbox.writes").summary();
        long statements = writes.count();
        double rows = writes.totalAmount();
        transactions.inTransaction(() -> {
            Mono<Void> appended = Mono.empty();
            for (int i = 1; i <= 5; i++) {
                appended = appended.then(outbox.append(Topics.CALL_EVENTS, "num_kit", KitEvents.event("batched-" + i
                        + "-" + call, call)));
            }
            return appended;
        }).block(Duration.ofSeconds(30));

        assertThat(writes.count() - statements).isEqualTo(1);
        assertThat(writes.totalAmount() - rows).isEqualTo(5);
        await().atMost(Duration.ofSeconds(30)).until(() -> handler.effects.contains("batched-5-" + call));
        assertThat(handler.effects.stream().filter(id -> id.endsWith(call)).toList()).containsExactly(
                "batched-1-" + call, "batched-2-" + call, "batched-3-" + call, "batched-4-" + call, "batched-5-" + call);
    }

    @Test
    void anOutboxRowTheDatabaseRefusesAtCommitRollsBackTheWholeTransaction() {
        String call = "call_" + UUID.randomUUID();
        String change = "change-" + call;
        Mono<Void> refused = transactions.inTransaction(() -> processed.firstDelivery("kit-test-direct", change)
                .then(outbox.append(Topics.CALL_EVENTS, "num_kit", KitEvents.event("accepted-" + call, call)))
                // PostgreSQL refuses a NUL in text: only the write before the commit can find out.
                .then(outbox.append(Topics.CALL_EVENTS, "num_kit\0", KitEvents.event("refused-" + call, call))));
        assertThatThrownBy(() -> refused.block(Duration.ofSeconds(30))).isInstanceOf(DataAccessException.class);

        transactions.inTransaction(() -> outbox.append(Topics.CALL_EVENTS, "num_kit", KitEvents.event("after-" + call,
                call))).block(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> handler.effects.contains("after-" + call));
        assertThat(handler.effects).doesNotContain("accepted-" + call, "refused-" + call);
        assertThat(processed.firstDelivery("kit-test-direct", change).block()).as("the state change was rolled back too")
                .isTrue();
    }

    @Test
    void anOutboxRowAppendedOutsideATransactionIsWrittenAtOnce() {
        String call = "call_" + UUID.randomUUID();
        DistributionSummary writes = meters.get("ringline.outbox.writes").summary();
        long statements = writes.count();
        outbox.append(Topics.CALL_EVENTS, "num_kit", KitEvents.event("alone-" + call, call)).block(Duration.ofSeconds(30));
        assertThat(writes.count() - statements).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> handler.effects.contains("alone-" + call));
    }

    @Test
    void aRedeliveredMessageChangesNothing() {
        String id = "dup-" + UUID.randomUUID();
        assertThat(processed.firstDelivery("kit-test-direct", id).block()).isTrue();
        assertThat(processed.firstDelivery("kit-test-direct", id).block()).isFalse();

        String call = "call_" + UUID.randomUUID();
        byte[] same = encode(KitEvents.event("redelivered-" + call, call));
        bytesKafkaTemplate.send(Topics.CALL_EVENTS.name(), "num_kit", same);
        bytesKafkaTemplate.send(Topics.CALL_EVENTS.name(), "num_kit", same);
        bytesKafkaTemplate.send(Topics.CALL_EVENTS.name(), "num_kit", encode(KitEvents.event("after-" + call, call)));

        await().atMost(Duration.ofSeconds(30)).until(() -> handler.effects.contains("after-" + call));
        assertThat(handler.effects).containsOnlyOnce("redelivered-" + call);
    }

    @Test
    void poisonRecordsAreParkedAndTheConsumerGoesOn() {
        String call = "call_" + UUID.randomUUID();
        byte[] garbage = ("not avro " + call).getBytes(StandardCharsets.UTF_8);
        bytesKafkaTemplate.send(Topics.CALL_EVENTS.name(), "num_kit", garbage);
        bytesKafkaTemplate.send(Topics.CALL_EVENTS.name(), "num_kit", encode(KitEvents.event("poison-" + call, call)));
        bytesKafkaTemplate.send(Topics.CALL_EVENTS.name(), "num_kit", encode(KitEvents.event("good-" + call, call)));

        await().atMost(Duration.ofSeconds(30)).until(() -> handler.effects.contains("good-" + call));
        List<byte[]> parked = readDeadLetters(2, call);
        assertThat(parked).anySatisfy(v -> assertThat(v).isEqualTo(garbage));
        assertThat(parked).anySatisfy(v -> assertThat(new String(v, StandardCharsets.ISO_8859_1)).contains("poison-" + call));
        assertThat(handler.effects).doesNotContain("poison-" + call);
    }

    @Test
    void transientFailuresAreRetriedNotDeadLettered() {
        String call = "call_" + UUID.randomUUID();
        handler.attempts.set(0);
        handler.transientFailuresLeft.set(2);
        bytesKafkaTemplate.send(Topics.CALL_EVENTS.name(), "num_kit", encode(KitEvents.event("transient-" + call, call)));

        await().atMost(Duration.ofSeconds(60)).until(() -> handler.effects.contains("transient-" + call));
        assertThat(handler.attempts.get()).isGreaterThanOrEqualTo(3);
        assertThat(readDeadLetters(0, call)).isEmpty();
    }

    private static byte[] encode(CallEvent event) {
        return io.ringline.schemas.serde.AvroTypes.codec(CallEvent.class).encode(event);
    }

    /**
     * The values parked on call-events.DLT that mention {@code marker}: once there are {@code expected}, or — when
     * none is expected — all that turn up in a few seconds of reading.
     */
    private static List<byte[]> readDeadLetters(int expected, String marker) {
        DeadLetterReader reader = new DeadLetterReader(EmbeddedInfra.shared().kafkaBootstrap());
        Predicate<DeadLetter> mentioning = letter -> letter.text().contains(marker);
        List<DeadLetter> found = expected == 0
                ? reader.readFor(Topics.CALL_EVENTS, mentioning, Duration.ofSeconds(3))
                : reader.await(Topics.CALL_EVENTS, mentioning, expected, Duration.ofSeconds(30));
        return found.stream().map(DeadLetter::value).toList();
    }
}
