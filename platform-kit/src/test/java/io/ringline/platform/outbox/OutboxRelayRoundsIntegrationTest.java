package io.ringline.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.infra.InfraProperties;
import io.ringline.platform.KitEvents;
import io.ringline.platform.KitTestApplication;
import io.ringline.platform.persistence.Transactions;
import io.ringline.schemas.Topics;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/**
 * How many transactions the relay spends: one per batch it publishes, and another at once only after a full batch —
 * not an empty one after every batch, which at a few events a call was half of a service's relay transactions. Its
 * own schema (no other context's relay takes its rows) and a ten-minute poll, so every round here was woken by a
 * commit or by a full batch, never by the poll.
 */
@SpringBootTest(classes = KitTestApplication.class, properties = {
        "spring.config.name=kit-test",
        "ringline.db.schema=kit_relay",
        "ringline.outbox.poll-interval=10m",
        "ringline.outbox.batch-size=2"})
class OutboxRelayRoundsIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry);
    }

    @Autowired
    Transactions transactions;
    @Autowired
    OutboxWriter outbox;
    @Autowired
    DatabaseClient db;
    @Autowired
    MeterRegistry meters;

    @Test
    void aBatchSmallerThanTheBatchSizeIsNotFollowedByAnEmptyRound() {
        double published = rounds("published");
        double empty = rounds("empty");
        for (int i = 1; i <= 3; i++) {
            append(1);
            int rounds = i;
            await().atMost(DEADLINE).until(() -> rounds("published") - published == rounds);
            await().atMost(DEADLINE).until(() -> pending() == 0);
        }
        assertThat(rounds("empty") - empty).isZero();
    }

    @Test
    void aFullBatchIsFollowedAtOnceByTheNextUntilTheOutboxIsDrained() {
        double published = rounds("published");
        append(5); // batches of 2, 2 and 1: the last is not full, so no round follows it
        await().atMost(DEADLINE).until(() -> pending() == 0);
        await().atMost(DEADLINE).until(() -> rounds("published") - published == 3);
    }

    private void append(int rows) {
        String call = "call_" + UUID.randomUUID();
        transactions.inTransaction(() -> {
            Mono<Void> appended = Mono.empty();
            for (int i = 0; i < rows; i++) {
                appended = appended.then(outbox.append(Topics.CALL_EVENTS, "num_relay", KitEvents.event("relay-" + i
                        + "-" + call, call)));
            }
            return appended;
        }).block(DEADLINE);
    }

    private long pending() {
        return db.sql("SELECT count(*) FROM outbox").map(r -> r.get(0, Long.class)).one().block(DEADLINE);
    }

    private double rounds(String outcome) {
        return meters.get("ringline.outbox.rounds").tag("outcome", outcome).counter().count();
    }
}
