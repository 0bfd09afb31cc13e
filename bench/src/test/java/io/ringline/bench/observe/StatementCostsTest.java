package io.ringline.bench.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatementCostsTest {

    private static final String CLAIM = "WITH RECURSIVE pending(subscription_id) AS (\n    SELECT q.subscription_id";

    @Test
    void aScenarioReportsWhatEachStatementSpentPerOperationMostCostlyFirst() {
        Map<Long, StatementCosts.Counters> before = Map.of(
                1L, new StatementCosts.Counters("INSERT INTO delivery", 100, 100, 50.0, 10.0, 100),
                2L, new StatementCosts.Counters(CLAIM, 10, 10, 20.0, 5.0, 10),
                3L, new StatementCosts.Counters("SELECT 1", 5, 5, 1.0, 0.0, 5));
        Map<Long, StatementCosts.Counters> after = Map.of(
                1L, new StatementCosts.Counters("INSERT INTO delivery", 1_100, 110, 250.0, 30.0, 1_100), // 200 + 20 ms
                2L, new StatementCosts.Counters(CLAIM, 510, 385, 620.0, 105.0, 1_010),                  // 600 + 100 ms
                3L, new StatementCosts.Counters("SELECT 1", 5, 5, 1.0, 0.0, 5),                        // did not run
                4L, new StatementCosts.Counters("DELETE FROM delivery_queue", 80, 8, 80.0, 0.0, 80));  // new: whole

        List<StatementCosts.Cost> top = StatementCosts.top(before, after, 1_000, 12);

        assertThat(top).extracting(StatementCosts.Cost::query)
                .containsExactly("WITH RECURSIVE pending(subscription_id) AS ( SELECT q.subscription_id",
                        "INSERT INTO delivery", "DELETE FROM delivery_queue");
        StatementCosts.Cost claim = top.getFirst();
        assertThat(claim.callsPerOp()).isEqualTo(0.5);
        assertThat(claim.msPerOp()).isEqualTo(0.7);
        assertThat(claim.planMsPerOp()).isEqualTo(0.1);
        assertThat(claim.plannedShare()).isEqualTo(0.75); // planned on 375 of its 500 executions
        assertThat(top.get(1).plannedShare()).isEqualTo(0.01); // 10 of 1,000: a kept plan
        assertThat(claim.rowsPerOp()).isEqualTo(1.0);
        assertThat(claim.shareOfTime()).isEqualTo(0.7); // 700 of 1,000 ms
        assertThat(top.get(2).msPerOp()).isEqualTo(0.08);
        assertThat(StatementCosts.top(before, after, 1_000, 1)).hasSize(1);
    }

    @Test
    void noOperationsOrNoExtensionGiveNoStatements() {
        var after = Map.of(1L, new StatementCosts.Counters("SELECT 1", 1, 1, 1.0, 0.0, 1));
        assertThat(StatementCosts.top(Map.of(), after, 0, 12)).isEmpty();
        assertThat(StatementCosts.top(Map.of(), Map.of(), 10, 12)).isEmpty();
        assertThat(StatementCosts.snapshot("jdbc:postgresql://127.0.0.1:1/none", "u", "p")).isEmpty();
    }

    @Test
    void aLongStatementIsCutAndItsWhitespaceCollapsed() {
        String text = StatementCosts.text("SELECT\n   a,\n\tb FROM t WHERE x = $1 " + "AND y = $2 ".repeat(100));
        assertThat(text).startsWith("SELECT a, b FROM t WHERE x = $1 AND y = $2 AND").endsWith(" …");
        assertThat(text).hasSize(StatementCosts.TEXT_CHARS + 2);
    }
}
