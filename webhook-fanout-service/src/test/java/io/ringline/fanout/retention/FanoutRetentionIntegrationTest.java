package io.ringline.fanout.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.platform.ids.Ids;
import io.ringline.platform.retention.RetentionJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Finished deliveries and their attempts go after {@code ringline.fanout.retention.deliveries} (30 days); younger
 * ones stay, and a pending delivery is never pruned, however old.
 */
class FanoutRetentionIntegrationTest extends FanoutIntegrationTest {

    @Autowired
    RetentionJob retention;

    @Test
    void finishedDeliveriesAndAttemptsPastTheirRetentionGoAndPendingOnesNever() {
        String subscription = (String) subscribe(newTenant(), "https://receiver.example.com/hook", List.of("*"),
                List.of()).get("id");
        Instant now = Instant.now();
        String oldDelivered = delivery(subscription, "DELIVERED", now.minus(Duration.ofDays(31)));
        String oldFailed = delivery(subscription, "FAILED", now.minus(Duration.ofDays(31)));
        String oldCancelled = delivery(subscription, "CANCELLED", now.minus(Duration.ofDays(31)));
        String recent = delivery(subscription, "DELIVERED", now.minus(Duration.ofDays(29)));
        // Owed for 60 days (an endpoint paused by its Retry-After, say): still owed, so kept.
        String pending = delivery(subscription, "PENDING", null);
        attempt(oldDelivered, now.minus(Duration.ofDays(31)));
        attempt(recent, now.minus(Duration.ofDays(29)));
        attempt(recent, now.minus(Duration.ofDays(31))); // an old attempt of a delivery retried since
        attempt(pending, now.minus(Duration.ofDays(60)));
        attempt(pending, now.minus(Duration.ofDays(1)));

        retention.runOnce().block(Duration.ofSeconds(30));

        assertThat(deliveries(subscription)).containsExactlyInAnyOrder(recent, pending)
                .doesNotContain(oldDelivered, oldFailed, oldCancelled);
        assertThat(count("SELECT count(*) FROM delivery_attempts WHERE delivery_id = $1", oldDelivered)).isZero();
        assertThat(count("SELECT count(*) FROM delivery_attempts WHERE delivery_id = $1", recent)).isOne();
        assertThat(count("SELECT count(*) FROM delivery_attempts WHERE delivery_id = $1", pending)).isOne();
    }

    private String delivery(String subscription, String status, Instant completedAt) {
        String id = Ids.newId("dlv");
        Instant created = completedAt == null ? Instant.now().minus(Duration.ofDays(60)) : completedAt.minusSeconds(60);
        var insert = db.sql("INSERT INTO delivery (id, subscription_id, tenant_id, event_id, event, payload, status, "
                        + "attempts, next_attempt_at, created_at, updated_at, completed_at) SELECT :id, s.id, s.tenant_id, "
                        + ":eventId, 'call.ringing', '{}', :status, 1, :next, :created, :created, :completed "
                        + "FROM subscription s WHERE s.id = :subscription")
                .bind("id", id).bind("eventId", Ids.newId("evt")).bind("status", status)
                // The pending one is due a day from now, so the running dispatcher leaves it alone.
                .bind("next", completedAt == null ? Instant.now().plus(Duration.ofDays(1)) : created)
                .bind("created", created)
                .bind("subscription", subscription);
        insert = completedAt == null ? insert.bindNull("completed", Instant.class) : insert.bind("completed", completedAt);
        insert.then().block(Duration.ofSeconds(10));
        return id;
    }

    private void attempt(String deliveryId, Instant at) {
        db.sql("INSERT INTO delivery_attempts (delivery_id, subscription_id, attempt, attempted_at, status, "
                        + "duration_ms) SELECT id, subscription_id, 1, :at, 'FAILED', 5 FROM delivery WHERE id = :id")
                .bind("at", at).bind("id", deliveryId).then().block(Duration.ofSeconds(10));
    }

    private List<String> deliveries(String subscription) {
        return db.sql("SELECT id FROM delivery WHERE subscription_id = :s").bind("s", subscription)
                .map(row -> row.get("id", String.class)).all().collectList().block(Duration.ofSeconds(10));
    }
}
