package io.ringline.bench.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DbStatsTest {

    @Test
    void aDeltaKeepsWhatMovedAndMaintenanceIsItsVacuumAndAnalyzeRunsAsCounts() {
        Map<String, Long> before = new LinkedHashMap<>(Map.of("db.xact_commit", 100L,
                "fanout.delivery.autovacuum_count", 2L, "fanout.delivery.autoanalyze_count", 1L,
                "fanout.delivery.idx_blks_read", 10L, "signaling.calls.autoanalyze_count", 4L));
        Map<String, Long> after = new LinkedHashMap<>(Map.of("db.xact_commit", 400L,
                "fanout.delivery.autovacuum_count", 7L, "fanout.delivery.autoanalyze_count", 3L,
                "fanout.delivery.idx_blks_read", 910L, "signaling.calls.autoanalyze_count", 4L));

        Map<String, Long> delta = DbStats.delta(before, after);

        assertThat(delta).containsOnly(Map.entry("db.xact_commit", 300L),
                Map.entry("fanout.delivery.autovacuum_count", 5L), Map.entry("fanout.delivery.autoanalyze_count", 2L),
                Map.entry("fanout.delivery.idx_blks_read", 900L));
        assertThat(DbStats.maintenance(delta)).containsOnly(Map.entry("fanout.delivery.autovacuum_count", 5L),
                Map.entry("fanout.delivery.autoanalyze_count", 2L));
    }
}
