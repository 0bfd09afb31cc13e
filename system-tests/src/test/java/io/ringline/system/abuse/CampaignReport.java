package io.ringline.system.abuse;

import io.ringline.system.abuse.logs.SecretScan;
import io.ringline.system.abuse.oracle.Verdict;
import io.ringline.system.abuse.run.Tally;
import java.net.InetAddress;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The campaign's printed figures: what was sent, how it was answered, and the five numbers that must be 0. */
final class CampaignReport {

    private CampaignReport() {
    }

    static String render(CampaignSettings settings, Tally tally, Duration wall, RateLimitSlice.Result slice,
            io.ringline.system.abuse.state.StateDiff state, int tables, List<SecretScan.Finding> secretsInLogs,
            int secretsSearched, long logLines) {
        StringBuilder r = new StringBuilder();
        long main = tally.sent() - slice.sent();
        r.append("== Ringline abuse campaign ==\n");
        r.append("date ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append(", machine ").append(machine()).append('\n');
        r.append("seed ").append(settings.seed()).append(", ").append(settings.concurrency()).append(" requests in flight\n");
        r.append(String.format("requests sent: %,d (main run %,d in %.1f s = %.0f req/s; rate-limit slice %,d)%n",
                tally.sent(), main, wall.toMillis() / 1000.0, main * 1000.0 / Math.max(1, wall.toMillis()), slice.sent()));
        r.append("\n-- by route --\n");
        table(r, tally.byRoute());
        r.append("\n-- by kind (category) --\n");
        table(r, tally.byCategory());
        r.append("\n-- by kind --\n");
        table(r, tally.byKind());
        r.append("\n-- answers --\n");
        table(r, tally.byAnswer());
        r.append("\n-- time spent per category (ms, summed over concurrent requests) --\n");
        table(r, tally.millisByCategory());
        r.append("\n-- slowest answer of each kind (ms) --\n");
        table(r, tally.slowestByAnswer());
        r.append("\n-- slowest kinds (ms) --\n");
        tally.slowestKinds(15).forEach((k, v) -> r.append(String.format("%10d  %s%n", v, k)));
        if (!io.ringline.system.abuse.http.RawHttpConnection.STALLS.isEmpty()) {
            r.append("\n-- keep-alive connections that stopped answering: ")
                    .append(io.ringline.system.abuse.http.RawHttpConnection.STALL_COUNT.get())
                    .append(" (each request was sent again on a new connection and judged by that answer; first 10) --\n");
            io.ringline.system.abuse.http.RawHttpConnection.STALLS.forEach(st -> r.append("    ").append(st).append('\n'));
        }
        r.append("\n-- verdicts --\n");
        for (Verdict v : Verdict.values()) {
            r.append(String.format("%10d  %s%n", tally.count(v), v));
        }
        r.append("\n-- must be 0 --\n");
        r.append(String.format("5xx answers:                               %d%n", tally.count(Verdict.FAIL_5XX)));
        r.append(String.format("state changes:                             %d (%d tables of every schema compared)%n",
                state.changes().size(), tables));
        state.changes().forEach(c -> r.append("    ").append(c).append('\n'));
        r.append(String.format("answers that are not a documented error:   %d%n", tally.count(Verdict.FAIL_UNDOCUMENTED_ANSWER)));
        r.append(String.format("2xx on a request that had to be refused:   %d%n",
                tally.count(Verdict.FAIL_SUCCESS_ON_REFUSED_REQUEST)));
        r.append(String.format("no answer to a well-formed request:        %d%n", tally.count(Verdict.FAIL_NO_ANSWER)));
        r.append(String.format("realtime sessions opened on forged tokens: %d%n",
                tally.count(Verdict.FAIL_REALTIME_SESSION_OPENED)));
        r.append(String.format("secrets in answers:                        %d%n", tally.count(Verdict.FAIL_SECRET_IN_ANSWER)));
        r.append(String.format("secrets found in logs:                     %d (%d secrets searched in %,d log lines)%n",
                secretsInLogs.size(), secretsSearched, logLines));
        secretsInLogs.stream().limit(20).forEach(f -> r.append("    line ").append(f.line()).append(": ")
                .append(f.secret()).append(" (").append(f.logger()).append(")\n"));
        r.append("\n-- tables allowed to change under refused traffic --\n");
        if (state.allowedChanges().isEmpty()) {
            r.append("    none changed\n");
        }
        state.allowedChanges().forEach(c -> r.append("    ").append(c).append('\n'));
        r.append("\n-- rate-limit slice (second gateway, ").append(RateLimitSlice.CAPACITY).append(" requests burst, ")
                .append(RateLimitSlice.REFILL_PER_SECOND).append("/s per key) --\n");
        r.append(String.format("sent %d, 429 RATE_LIMITED %d (must be > 0), without Retry-After %d (must be 0)%n",
                slice.sent(), slice.rateLimited(), slice.withoutRetryAfter()));
        if (!tally.failureCounts().isEmpty()) {
            r.append("\n-- findings (verdict | route | answer), with examples --\n");
            tally.failureCounts().forEach((finding, count) -> {
                r.append(String.format("%8d  %s%n", count, finding));
                for (Tally.Example e : tally.examples(finding)) {
                    r.append("            #").append(e.seq()).append(' ').append(e.kind()).append("\n              → ")
                            .append(e.request()).append("\n              ← ").append(e.answer()).append('\n');
                }
            });
        }
        return r.toString();
    }

    private static void table(StringBuilder r, Map<String, Long> counts) {
        counts.forEach((k, v) -> r.append(String.format("%10d  %s%n", v, k)));
    }

    private static String machine() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "?";
        }
        return host + " (" + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + Runtime.version() + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB)";
    }
}
