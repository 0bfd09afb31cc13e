package io.ringline.signaling.call.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.platform.ids.Ids;
import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.call.persistence.PendingSignals.Parked;
import io.ringline.signaling.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Bookkeeping past its retention is dropped; what is still useful stays. */
class RetentionPrunerIntegrationTest extends IntegrationTest {

    @Autowired
    RetentionPruner pruner;
    @Autowired
    PendingSignals pending;
    @Autowired
    CommandFailures failures;

    @Test
    void dropsParkedSignalsAndFailedCommandAnswersPastTheirRetention() {
        String numberId = Ids.newId("num");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Parked signal = new Parked("sig", "evogo.CallRinging", "{\"CallID\":\"X\"}", now);
        pending.park(numberId, "GO-STALE", signal, now.minus(Duration.ofHours(2))).block();
        pending.park(numberId, "GO-FRESH", signal, now.minus(Duration.ofMinutes(5))).block();
        String staleCommand = Ids.newId("cmd");
        String freshCommand = Ids.newId("cmd");
        CommandError error = CommandError.callNotFound();
        failures.record(staleCommand, "call_x", error).block();
        failures.record(freshCommand, "call_x", error).block();
        db.sql("UPDATE command_failures SET created_at = :at WHERE command_id = :id")
                .bind("at", now.minus(Duration.ofDays(8))).bind("id", staleCommand).then().block();

        pruner.pruneOnce().block();

        assertThat(parked(numberId, "GO-STALE")).isZero();
        assertThat(parked(numberId, "GO-FRESH")).isEqualTo(1);
        assertThat(failures.find(staleCommand).blockOptional()).isEmpty();
        assertThat(failures.find(freshCommand).blockOptional()).contains(error);
    }

    private long parked(String numberId, String externalCallId) {
        return db.sql("SELECT count(*) AS n FROM pending_signals WHERE number_id = :n AND external_call_id = :x")
                .bind("n", numberId).bind("x", externalCallId).map(row -> row.get("n", Long.class)).one().block();
    }
}
