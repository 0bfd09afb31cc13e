package io.ringline.signaling.call.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.platform.ids.Ids;
import io.ringline.platform.retention.RetentionJob;
import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.call.persistence.PendingSignals.Parked;
import io.ringline.signaling.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The signaling service's retention rules, run by the platform's retention job on the service's (test) clock:
 * ended calls go after {@code retention.calls} (90 d) with their failed-command answers, their SDPs after
 * {@code retention.sdp} (24 h) while the call stays; a call in progress is never touched, however old;
 * parked signals and failed-command answers go after their own periods.
 */
class CallRetentionIntegrationTest extends IntegrationTest {

    private static final String SDP = "v=0\r\no=- 1 2 IN IP4 203.0.113.7\r\na=ice-pwd:secretpassword\r\n";

    @Autowired
    RetentionJob retention;
    @Autowired
    CallRepository calls;
    @Autowired
    PendingSignals pending;
    @Autowired
    CommandFailures failures;

    @Test
    void endedCallsAreDeletedWithTheirFailuresAfterTheRetentionAndLiveCallsNever() {
        Instant now = clock.instant();
        String old = call("COMPLETED", now.minus(Duration.ofDays(90)).minusSeconds(60));
        String recent = call("MISSED", now.minus(Duration.ofDays(90)).plusSeconds(60));
        String live = call("ACCEPTED", null); // created a year ago, never ended
        String oldFailure = Ids.newId("cmd");
        String recentFailure = Ids.newId("cmd");
        failures.record(oldFailure, old, CommandError.callNotFound()).block();
        failures.record(recentFailure, recent, CommandError.callNotFound()).block();

        retention.runOnce().block(WAIT);

        assertThat(calls.findById(old).hasElement().block()).isFalse();
        assertThat(failures.find(oldFailure).blockOptional()).as("the pruned call's failure").isEmpty();
        assertThat(calls.findById(recent).hasElement().block()).isTrue();
        assertThat(failures.find(recentFailure).blockOptional()).isPresent();
        Call stillLive = calls.findById(live).block();
        assertThat(stillLive.snapshot().sdpOffer()).as("a live call keeps its SDP").isEqualTo(SDP);
    }

    @Test
    void sdpsAreDroppedAfterTheirDelayWhileTheCallStays() {
        Instant now = clock.instant();
        String scrubbed = call("COMPLETED", now.minus(Duration.ofHours(24)).minusSeconds(60));
        String fresh = call("REJECTED", now.minus(Duration.ofHours(24)).plusSeconds(60));
        long versionBefore = version(scrubbed);

        retention.runOnce().block(WAIT);

        Map<String, Object> row = row(scrubbed);
        assertThat(row.get("sdp_offer")).isNull();
        assertThat(row.get("sdp_answer")).isNull();
        assertThat(row.get("peer_number")).as("the call itself stays").isEqualTo("+5511988887777");
        assertThat(row.get("status")).isEqualTo("COMPLETED");
        assertThat(version(scrubbed)).as("a racing update must reload, not write the SDPs back")
                .isGreaterThan(versionBefore);
        assertThat(calls.findById(scrubbed).block().snapshot().sdpAnswer()).isNull();
        assertThat(row(fresh).get("sdp_offer")).isEqualTo(SDP);
        assertThat(row(fresh).get("sdp_answer")).isEqualTo(SDP);
    }

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

        retention.runOnce().block(WAIT);

        assertThat(parked(numberId, "GO-STALE")).isZero();
        assertThat(parked(numberId, "GO-FRESH")).isEqualTo(1);
        assertThat(failures.find(staleCommand).blockOptional()).isEmpty();
        assertThat(failures.find(freshCommand).blockOptional()).contains(error);
    }

    /** A META call with both SDPs; {@code endedAt} null for one still in progress (then created a year ago). */
    private String call(String status, Instant endedAt) {
        String id = Ids.newId("call");
        Instant created = endedAt == null ? clock.instant().minus(Duration.ofDays(365)) : endedAt.minusSeconds(120);
        var insert = db.sql("""
                        INSERT INTO calls (id, number_id, tenant_id, provider, direction, status, external_call_id,
                                           peer_number, sdp_offer, sdp_answer, started_at, ended_at, created_at, updated_at)
                        VALUES (:id, :number, 'ten_retention', 'META', 'INBOUND', :status, :external, '+5511988887777',
                                :sdp, :sdp, :created, :ended, :created, :created)""")
                .bind("id", id).bind("number", Ids.newId("num")).bind("status", status)
                .bind("external", "wacid." + id).bind("sdp", SDP).bind("created", created);
        insert = endedAt == null ? insert.bindNull("ended", Instant.class) : insert.bind("ended", endedAt);
        insert.then().block();
        return id;
    }

    private Map<String, Object> row(String id) {
        return db.sql("SELECT * FROM calls WHERE id = :id").bind("id", id).fetch().one().block();
    }

    private long version(String id) {
        return db.sql("SELECT version FROM calls WHERE id = :id").bind("id", id)
                .map(r -> r.get("version", Long.class)).one().block();
    }

    private long parked(String numberId, String externalCallId) {
        return db.sql("SELECT count(*) AS n FROM pending_signals WHERE number_id = :n AND external_call_id = :x")
                .bind("n", numberId).bind("x", externalCallId).map(row -> row.get("n", Long.class)).one().block();
    }
}
