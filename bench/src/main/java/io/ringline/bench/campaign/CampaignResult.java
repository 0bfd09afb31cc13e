package io.ringline.bench.campaign;

import io.ringline.bench.platform.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a campaign did and found; {@link #passed()} when every fault recovered and the last audit is clean.
 * {@code serviceJvmOptions}: what the services really started with (the gateway's command line, read once it was up).
 */
record CampaignResult(CampaignConfig config, long seed, String gitCommit, Instant started, Instant ended,
        Target target, List<String> serviceJvmOptions,
        List<FaultRecord> faults, List<AuditReport> audits, Map<String, MixedLoad.PlanTally> load,
        Map<String, Long> loadFailures, Map<String, Long> sessions, long webhooksReceived) {

    /** Count, recovered, recovery p50 and max (ms, from lifted to a whole call served) of one kind of fault. */
    record KindSummary(int injected, int recovered, Long p50Ms, Long maxMs) {
    }

    public boolean passed() {
        return !audits.isEmpty() && audits.getLast().clean() && faults.stream().allMatch(f -> f.recoveredAt() != null);
    }

    AuditReport finalAudit() {
        return audits.getLast();
    }

    public long lost() {
        return finalAudit().lost();
    }

    public long duplicatedWithNewId() {
        return finalAudit().duplicatedWithNewId();
    }

    public long stuck() {
        return finalAudit().stuck();
    }

    /** Faults injected per kind. */
    public Map<String, Integer> injectedByKind() {
        Map<String, Integer> out = new LinkedHashMap<>();
        byKind().forEach((kind, s) -> out.put(kind, s.injected()));
        return out;
    }

    Map<String, KindSummary> byKind() {
        Map<String, KindSummary> out = new LinkedHashMap<>();
        for (FaultKind kind : FaultKind.values()) {
            List<FaultRecord> of = faults.stream().filter(f -> f.kind() == kind).toList();
            if (of.isEmpty()) {
                continue;
            }
            List<Long> times = new ArrayList<>(of.stream().map(FaultRecord::recoveryMs)
                    .filter(java.util.Objects::nonNull).sorted().toList());
            out.put(kind.name(), new KindSummary(of.size(), times.size(),
                    times.isEmpty() ? null : times.get((times.size() - 1) / 2),
                    times.isEmpty() ? null : times.getLast()));
        }
        return out;
    }
}
