package io.ringline.signaling.call.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ringline.platform.ids.Ids;
import io.ringline.platform.persistence.Transactions;
import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.EndCause;
import io.ringline.signaling.number.NumberRef;
import io.ringline.signaling.number.Provider;
import io.ringline.signaling.support.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Mono;

/**
 * A call's ringing and answer are updated in place (HOT: no new entry in any index of {@code calls}), so what they
 * cost does not follow the size of the table's indexes, i.e. the calls stored (signaling V8). Its end is not: it
 * stamps {@code ended_at}, which the retention and in-progress indexes are on. Counted by PostgreSQL itself for one
 * transaction ({@code pg_stat_xact_user_tables} before and after), so nothing else running on the database can
 * blur it. With any index on {@code status} or {@code updated_at} (as before V8), none of the three is HOT.
 */
class CallUpdatesInPlaceIntegrationTest extends IntegrationTest {

    @Autowired
    CallRepository calls;
    @Autowired
    Transactions transactions;

    @Test
    void ringingAndAnsweringAnOutboundCallAreHotUpdatesAndEndingItIsNot() {
        Instant now = clock.instant();
        String id = Ids.newId("call");
        Call call = Call.placeOutbound(id, new NumberRef(Ids.newId("num"), "ten_hot", Provider.EVO_GO),
                "+5511999990000", null, null, now);
        call.noteProviderAccepted("GO-HOT-" + id, now);
        calls.insert(call).block(WAIT);

        // Each step loads the call, as a handler does (the update checks the version it was loaded at).
        Map<String, Long> ringingAndAnswer = counted(() -> calls.findById(id)
                .flatMap(loaded -> {
                    loaded.noteRinging(now.plusSeconds(1));
                    return calls.update(loaded);
                })
                .then(calls.findById(id))
                .flatMap(loaded -> {
                    loaded.noteAnswered(now.plusSeconds(2));
                    return calls.update(loaded);
                }));
        Map<String, Long> end = counted(() -> calls.findById(id)
                .flatMap(loaded -> {
                    loaded.noteEnded(EndCause.HANGUP, 30, now.plusSeconds(32));
                    return calls.update(loaded);
                }));

        assertThat(ringingAndAnswer).containsEntry("updated", 2L).containsEntry("hot", 2L);
        assertThat(end).as("the end stamps ended_at, which two indexes are on")
                .containsEntry("updated", 1L).containsEntry("hot", 0L);
        assertThat(calls.findById(id).block(WAIT).snapshot().endedAt())
                .isCloseTo(now.plusSeconds(32), within(1, ChronoUnit.MILLIS));
    }

    /**
     * The updates of {@code calls} the work made, and how many of them were HOT: the connection's own counters read
     * before and after it within one transaction (PostgreSQL reports them only between transactions, so nothing
     * else on the database, nor an earlier transaction of this connection, is counted).
     */
    private Map<String, Long> counted(Supplier<Mono<Void>> work) {
        return transactions.inTransaction(() -> counters().flatMap(before -> work.get().then(counters())
                .map(after -> Map.of("updated", after[0] - before[0], "hot", after[1] - before[1]))))
                .block(WAIT);
    }

    private Mono<long[]> counters() {
        return db.sql("""
                        SELECT n_tup_upd AS updated, n_tup_hot_upd AS hot FROM pg_stat_xact_user_tables
                        WHERE relid = 'calls'::regclass""")
                .map(row -> new long[] {row.get("updated", Long.class), row.get("hot", Long.class)})
                .one();
    }
}
