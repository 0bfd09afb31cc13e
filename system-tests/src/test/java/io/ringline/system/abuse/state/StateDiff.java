package io.ringline.system.abuse.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What changed between two snapshots, judged against {@link LegitimateChanges}. */
public record StateDiff(List<String> changes, List<String> allowedChanges) {

    public static StateDiff between(Snapshot before, Snapshot after, StateSnapshotter db) {
        List<String> changes = new ArrayList<>();
        List<String> allowed = new ArrayList<>();
        for (String table : union(before.tables().keySet(), after.tables().keySet())) {
            TableState b = before.tables().get(table);
            TableState a = after.tables().get(table);
            if (b == null || a == null) {
                changes.add(table + ": table " + (b == null ? "appeared" : "disappeared"));
                continue;
            }
            if (b.equals(a)) {
                continue;
            }
            LegitimateChanges.Allowance allowance = LegitimateChanges.TABLES.get(table);
            String what = table + ": rows " + b.rows() + " → " + a.rows() + ", checksum " + shortSum(b) + " → " + shortSum(a);
            Set<String> beforeRows = before.rowDigests().get(table);
            Set<String> afterRows = after.rowDigests().get(table);
            if (allowance == null) {
                Set<String> added = new java.util.HashSet<>(afterRows);
                added.removeAll(beforeRows);
                long gone = beforeRows.stream().filter(d -> !afterRows.contains(d)).count();
                StringBuilder detail = new StringBuilder(what).append(" (").append(gone).append(" row(s) changed or deleted)");
                db.rowsWithDigests(table, added, 5).forEach(row -> detail.append("\n        now: ").append(row));
                changes.add(detail.toString());
                continue;
            }
            long lost = allowance.existingRowsMayChange() ? 0 : beforeRows.stream().filter(d -> !afterRows.contains(d)).count();
            List<String> breaking = db.addedRowsBreaking(table, beforeRows, allowance.rowCondition());
            if (lost > 0 || !breaking.isEmpty()) {
                changes.add(what + " — " + lost + " existing row(s) changed or deleted, " + breaking.size()
                        + " added row(s) not meeting: " + allowance.rowCondition());
            } else {
                allowed.add(what + " (allowed: " + allowance.reason() + "; every added row meets "
                        + allowance.rowCondition() + ")");
            }
        }
        return new StateDiff(List.copyOf(changes), List.copyOf(allowed));
    }

    private static String shortSum(TableState t) {
        return t.checksum().length() > 8 ? t.checksum().substring(0, 8) : t.checksum();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    public static boolean sameTables(Snapshot a, Snapshot b) {
        return a.tables().equals(b.tables());
    }
}
