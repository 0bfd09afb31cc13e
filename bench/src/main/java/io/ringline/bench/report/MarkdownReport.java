package io.ringline.bench.report;

import io.ringline.bench.limits.LimitReport;
import io.ringline.bench.observe.StatementCosts;
import io.ringline.bench.scenario.ActionsReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code report.md}: the run for a reader — verdict, targets, conditions, limits, each scenario, each process. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static void write(Results r, Path file) {
        StringBuilder md = new StringBuilder();
        md.append("# Ringline platform benchmark — ").append(r.conditions().get("date")).append(" (")
                .append(r.conditions().get("mode")).append(")\n\n");
        md.append(r.valid() ? "**Valid run**: every ledger balanced and no service died.\n\n"
                : "**VOID RUN** — the figures below are not to be trusted: " + String.join("; ", r.voidReasons())
                        + ".\n\n");
        md.append("## Targets (issue 8; media: issue 11)\n\n| Target | Measured | Verdict |\n|---|---|---|\n");
        r.targets().forEach(t -> md.append("| ").append(t.target()).append(" | ").append(t.measured()).append(" | ")
                .append(t.verdict().equals(Targets.MET) ? "**met**" : t.verdict()).append(" |\n"));
        md.append("\n## Conditions\n\n");
        r.conditions().forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\nOpen model: each scenario offers a constant arrival rate per step; every latency runs from the "
                + "operation's *intended* start (HdrHistogram), so queueing in the platform or the generator shows "
                + "up instead of lowering the rate (no coordinated omission). A step is sustained when nothing failed, "
                + "the achieved rate kept up (≥ 95 %) and p99 stayed under the scenario's bound (calls: POST ≤ 100 ms; "
                + "signals and fan-out: webhook ≤ 1 s); the first step that is not ends the ramp, except in calls, where a "
                + "step that misses only the latency bound lets it go on (still not sustained) to draw the cost curve, "
                + "until a step fails, falls behind or passes 10 × the bound.\n\n");

        md.append("## Limits of the parts, alone on this machine (closed loop, at saturation)\n\n")
                .append("| Part | ops/s | p50 ms | p99 ms | in flight | CPU ms/op |\n|---|---|---|---|---|---|\n");
        r.limits().forEach((name, l) -> md.append("| ").append(name).append(": ").append(l.what()).append(" | ")
                .append(Num.text(l.ratePerSec())).append(" | ").append(Num.text(l.p50Ms())).append(" | ")
                .append(Num.text(l.p99Ms())).append(" | ").append(l.concurrency()).append(" | ")
                .append(compact(l.cpuMsPerOp())).append(" |\n"));

        var calls = r.scenarios().calls();
        if (calls != null) {
            md.append("\n## calls — `POST /v1/calls` on EVO_GO numbers, answered and hung up by the sandbox\n\n")
                    .append("- highest sustained rate: **").append(Num.text(calls.maxSustainedPerSec()))
                    .append("/s**").append(sustainedAbove(calls.steps())).append("; POST p50 / p99 ").append(calls.at500().label()).append(": **")
                    .append(Num.text(calls.at500().p50Ms())).append(" / ").append(Num.text(calls.at500().p99Ms()))
                    .append(" ms**\n")
                    .append(warmup(calls.warmup()))
                    .append("- ledger: offered ").append(calls.offered()).append(" = accepted ").append(calls.accepted())
                    .append(" + failed ").append(calls.failed()).append("; completed (ringing, connected, ended "
                            + "received) ").append(calls.completed()).append(", webhooks missing ")
                    .append(calls.missing()).append(", duplicates ").append(calls.duplicates())
                    .append(calls.refusedProviderWebhooks() == 0 ? "" : "; Evolution GO webhooks the gateway refused "
                            + "(GO does not retry; each may excuse one missing webhook) "
                            + calls.refusedProviderWebhooks())
                    .append(calls.balanced() ? " — **balanced**" : " — **DOES NOT BALANCE**").append('\n');
            ratio(md, calls.ratioToLimit());
            steps(md, calls.steps(), "POST");
            hops(md, calls.hops(), "a call's critical path: the gateway's answer, the command's round trip and, inside "
                    + "it, signaling's batch, the provider request and the reply's produce");
            md.append("\nCPU ms per call ").append(calls.at500().label()).append(": ")
                    .append(compact(calls.cpuMsPerCall())).append("\n\nDatabase per accepted call (whole scenario, "
                            + "`pg_stat_database` / `pg_stat_user_tables`): ")
                    .append(compact(filter(calls.dbPerCall(), "db."))).append("\n\n");
            tables(md, calls.dbPerCall());
            md.append("\nKafka records per accepted call: ").append(compact(calls.kafkaRecordsPerCall())).append('\n');
            if (calls.maintenance() != null && !calls.maintenance().isEmpty()) {
                md.append("\nAutovacuum / autoanalyze runs during the scenario (counts): ")
                        .append(calls.maintenance()).append('\n');
            }
            statements(md, calls.statements(), "accepted call");
        }
        actions(md, "actions", "`POST /v1/calls/{id}/terminate` on answered EVO_GO calls",
                "placed to users who answer and stay on the line, and connected,", r.scenarios().actions());
        actions(md, "accepts", "`POST /v1/calls/{id}/accept` on ringing inbound EVO_GO calls",
                "made by simulated users calling the numbers (sandbox), and ringing,", r.scenarios().accepts());
        var signals = r.scenarios().signals();
        if (signals != null) {
            md.append("\n## signals — Evolution GO webhooks in → tenant webhooks out\n\n")
                    .append("- signal → webhook p50 / p99 ").append(signals.label()).append(": **")
                    .append(Num.text(signals.p50Ms())).append(" / ").append(Num.text(signals.p99Ms()))
                    .append(" ms**; the gateway's own answer p50 / p99: ").append(Num.text(signals.ingressP50Ms()))
                    .append(" / ").append(Num.text(signals.ingressP99Ms())).append(" ms\n")
                    .append("- ledger: offered ").append(signals.offered()).append(" = accepted ")
                    .append(signals.accepted()).append(" + failed ").append(signals.failed()).append("; webhooks "
                            + "delivered ").append(signals.delivered()).append(", missing ").append(signals.missing())
                    .append(signals.balanced() ? " — **balanced**" : " — **DOES NOT BALANCE**").append('\n');
            ratio(md, signals.ratioToLimit());
            steps(md, signals.steps(), "signal → webhook");
            hops(md, signals.hops(), "a signal's way to the tenant's webhook, service by service");
            md.append("\nKafka records per signal: ").append(compact(signals.kafkaRecordsPerSignal())).append('\n');
            md.append("\nPostgreSQL per signal: ").append(compact(filter(signals.dbPerSignal(), "db."))).append('\n');
            statements(md, signals.statements(), "accepted signal");
        }
        var fanout = r.scenarios().fanout();
        if (fanout != null) {
            md.append("\n## fanout — deliveries with 10 % always-failing and 10 % slow (1 s) endpoints\n\n")
                    .append("- highest sustained: **").append(Num.text(fanout.deliveriesPerSec()))
                    .append(" deliveries/s**; healthy p99 ").append(Num.text(fanout.healthyP99Ms()))
                    .append(" ms vs all-healthy baseline ").append(Num.text(fanout.baselineP99Ms()))
                    .append(" ms at the same rate (baseline sustained up to ")
                    .append(Num.text(fanout.baselineMaxSustainedPerSec())).append("/s)\n")
                    .append("- ledger: ").append(fanout.events()).append(" events; healthy deliveries ")
                    .append(fanout.healthyDelivered()).append(" of ").append(fanout.healthyExpected())
                    .append("; slow endpoints got ").append(fanout.slowDelivered()).append("; failing endpoints "
                            + "were tried ").append(fanout.failingAttempts()).append(" times")
                    .append(fanout.balanced() ? " — **balanced**" : " — **DOES NOT BALANCE**").append('\n');
            ratio(md, fanout.ratioToLimit());
            md.append("\nMixed run:\n");
            steps(md, fanout.steps(), "healthy delivery");
            md.append("\nAll-healthy baseline:\n");
            steps(md, fanout.baselineSteps(), "delivery");
            statements(md, fanout.statements(), "delivery offered in the mixed run");
        }
        var media = r.scenarios().media();
        if (media != null) {
            media(md, media);
        }
        md.append("\n## Processes over the whole run\n\n| Component | pid | heap max MiB | GC pauses s | idle CPU % | CPU % "
                + "of a core | CPU s | JIT compile s |\n|---|---|---|---|---|---|---|---|\n");
        r.services().forEach((name, c) -> component(md, name, c));
        component(md, "load generator", r.generator());
        md.append("\n![latency and CPU against offered rate](chart.png)\n");
        try {
            Files.writeString(file, md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void media(StringBuilder md, io.ringline.bench.scenario.MediaReport m) {
        md.append("\n## media — realtime sessions on answered EVO_GO calls, 20 ms PCM16 16 kHz frames both ways, ")
                .append(m.playout()).append(" playout\n\n")
                .append("- highest sustained: **").append(m.sessions() == null ? "none" : m.sessions())
                .append(" sessions**; ").append(m.label()).append(": added by the bridge p50 / p99 **")
                .append(Num.text(m.addedP50Ms())).append(" / ").append(Num.text(m.addedP99Ms()))
                .append(" ms** (relay p50 / p99 ").append(Num.text(m.relayP50Ms())).append(" / ")
                .append(Num.text(m.relayP99Ms())).append(" ms minus the control group's, p99 ")
                .append(Num.text(m.directP99Ms())).append(" ms; p99 to GO ").append(Num.text(m.toProviderP99Ms())).append(", to client ")
                .append(Num.text(m.toClientP99Ms())).append("), ").append(Num.text(m.bytesPerSec()))
                .append(" bytes/s relayed, bridge CPU ").append(Num.text(m.bridgeCpuPct()))
                .append(" % of a core, bridge heap ").append(Num.text(m.bridgeHeapPerSessionKiB()))
                .append(" KiB per session (live heap before the first session ").append(Num.text(m.bridgeIdleHeapMiB()))
                .append(" MiB)\n")
                .append("- relay latency: from the frame's send stamp at one end of the generator to its arrival at the "
                        + "other, through the bridge (the generator is both the tenant's client and Evolution GO's "
                        + "media side; loopback, one clock); the control group streams generator → generator without "
                        + "the bridge in the same windows, and added = relay − control, percentile by percentile\n")
                .append("- ledger: sessions offered ").append(m.sessionsOffered()).append(" = opened ")
                .append(m.sessionsOpened()).append(" + failed ").append(m.sessionsFailed())
                .append(m.failures().isEmpty() ? "" : " " + m.failures()).append("; lost while open ")
                .append(m.sessionsLost()).append("; frames sent ").append(m.framesSent()).append(", received ")
                .append(m.framesReceived()).append(", dropped ").append(m.droppedFrames()).append("; call ends missing ")
                .append(m.callsEndedMissing()).append("; BUFFER_FULL errors ").append(m.bufferFullErrors())
                .append(m.balanced() ? " — **balanced**" : " — **DOES NOT BALANCE**").append('\n');
        md.append("\n| sessions | open | relay p50 | p90 | p99 | max (ms) | control p50 / p99 | added p50 / p99 | "
                + "to GO p50 / p99 | to client p50 / p99 | frames/s | bytes/s | dropped (to GO late %) | "
                + "generator lag p99 ms | "
                + "bridge CPU % | bridge live heap MiB | KiB/session | verdict |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (var s : m.steps()) {
            md.append("| ").append(s.sessions()).append(" | ").append(s.open()).append(" | ")
                    .append(Num.text(s.relayP50Ms())).append(" | ").append(Num.text(s.relayP90Ms())).append(" | ")
                    .append(Num.text(s.relayP99Ms())).append(" | ").append(Num.text(s.relayMaxMs())).append(" | ")
                    .append(Num.text(s.directP50Ms())).append(" / ").append(Num.text(s.directP99Ms())).append(" | ")
                    .append(Num.text(s.addedP50Ms())).append(" / ").append(Num.text(s.addedP99Ms())).append(" | ")
                    .append(Num.text(s.toProviderP50Ms())).append(" / ").append(Num.text(s.toProviderP99Ms()))
                    .append(" | ").append(Num.text(s.toClientP50Ms())).append(" / ")
                    .append(Num.text(s.toClientP99Ms())).append(" | ").append(Num.text(s.framesPerSec()))
                    .append(" | ").append(Num.text(s.bytesPerSec())).append(" | ").append(s.droppedFrames())
                    .append(" (").append(Num.text(s.lateDroppedPct())).append(" %)")
                    .append(" | ").append(Num.text(s.generatorLagP99Ms())).append(" | ")
                    .append(Num.text(s.bridgeCpuPct())).append(" | ").append(Num.text(s.bridgeHeapMiB()))
                    .append(" | ").append(Num.text(s.bridgeHeapPerSessionKiB())).append(" | ").append(s.verdict())
                    .append(" |\n");
        }
        md.append("\nCPU % of a core per component, last step: ")
                .append(m.steps().isEmpty() ? "–" : compact(m.steps().getLast().cpuPct())).append('\n');
    }

    private static String warmup(io.ringline.bench.scenario.CallsReport.Warmup w) {
        return w == null ? "" : "- warm-up: " + w.seconds() + " s closed loop with " + w.inFlight()
                + " calls in flight; its last round ran " + Num.text(w.lastRoundPerSec()) + " calls/s (a closed-model "
                + "figure) while the JIT compiled " + Num.text(w.lastRoundJitSeconds()) + " s\n";
    }

    private static void component(StringBuilder md, String name, Results.ComponentReport c) {
        md.append("| ").append(name).append(" | ").append(c.pid()).append(" | ").append(Num.text(c.heapMaxMiB()))
                .append(" | ").append(Num.text(c.gcPauseSeconds())).append(" | ").append(Num.text(c.idleCpuPct()))
                .append(" | ").append(Num.text(c.cpuPct()))
                .append(" | ").append(Num.text(c.cpuSeconds())).append(" | ").append(Num.text(c.jitSeconds()))
                .append(" |\n");
    }

    /** Beside the highest sustained rate: the steps sustained again above the first that was not, if any. */
    static String sustainedAbove(List<StepReport> steps) {
        List<Double> above = StepReport.sustainedAboveAMiss(steps);
        return above.isEmpty() ? "" : " (the top of the unbroken run of sustained steps from the first; sustained "
                + "again above a step that was not: " + String.join(", ", above.stream().map(r -> Num.text(r) + "/s")
                        .toList()) + ")";
    }

    /** One actions ladder: {@code actions} (terminates) or {@code accepts}. */
    private static void actions(StringBuilder md, String name, String what, String prepared, ActionsReport actions) {
        if (actions == null) {
            return;
        }
        String verb = actions.action();
        String done = "terminate".equals(verb) ? "`call.ended`" : "`call.connected`";
        md.append("\n## ").append(name).append(" — ").append(what).append("\n\n")
                .append("- highest sustained rate: **").append(Num.text(actions.maxSustainedPerSec()))
                .append("/s**").append(sustainedAbove(actions.steps())).append("; ").append(verb).append(" p50 / p99 ").append(actions.at500().label()).append(": **")
                .append(Num.text(actions.at500().p50Ms())).append(" / ").append(Num.text(actions.at500().p99Ms()))
                .append(" ms** (no target in issue 8; held to the POST's bound, p99 ≤ 100 ms)\n")
                .append("- each step's calls were ").append(prepared).append(" before the step's clock started: ")
                .append(actions.placed()).append(" prepared, ").append(actions.placeFailed()).append(" refused\n")
                .append("- ledger: ").append(verb).append("s offered ").append(actions.offered())
                .append(" = answered 200 ").append(actions.succeeded()).append(" + failed ").append(actions.failed())
                .append("; ").append(done).append(" missing ").append(actions.missing())
                .append(", calls that ended before their ").append(verb).append(' ').append(actions.endedEarly())
                .append(", duplicate webhooks ").append(actions.duplicates())
                .append(actions.balanced() ? " — **balanced**" : " — **DOES NOT BALANCE**").append('\n');
        steps(md, actions.steps(), verb);
        md.append("\nCPU ms per ").append(verb).append(' ').append(actions.at500().label()).append(": ")
                .append(compact(actions.cpuMsPerAction())).append("\n\nKafka records per ").append(verb)
                .append(" (same step): ").append(compact(actions.kafkaRecordsPerAction())).append('\n');
        statements(md, actions.statements(), verb, "the same step's window, its calls' " + done
                + " deliveries included");
    }

    private static void ratio(StringBuilder md, Ratio ratio) {
        if (ratio == null) {
            return;
        }
        md.append("- as a fraction of its tightest limit (").append(ratio.limit()).append(" = ")
                .append(Num.text(ratio.limitPerSec())).append("/s): highest sustained **")
                .append(ratio.value() == null ? "none" : Num.text(ratio.value())).append("**");
        if (ratio.peakValue() != null) {
            md.append("; highest achieved without errors ").append(Num.text(ratio.peakPerSec())).append("/s = **")
                    .append(Num.text(ratio.peakValue())).append("**");
        }
        md.append("\n");
    }

    private static void steps(StringBuilder md, List<StepReport> steps, String latencyOf) {
        md.append("\n| offered /s | achieved /s | ").append(latencyOf).append(" p50 | p90 | p99 | max (ms) | errors "
                + "| generator lag p99 ms | verdict | CPU ms/op |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (StepReport s : steps) {
            md.append("| ").append(Num.text(s.offeredPerSec())).append(" | ").append(Num.text(s.achievedPerSec()))
                    .append(" | ").append(Num.text(s.p50Ms())).append(" | ").append(Num.text(s.p90Ms())).append(" | ")
                    .append(Num.text(s.p99Ms())).append(" | ").append(Num.text(s.maxMs())).append(" | ")
                    .append(s.errors()).append(" | ").append(Num.text(s.senderLagP99Ms())).append(" | ")
                    .append(s.verdict()).append(" | ").append(compact(s.cpuMsPerOp())).append(" |\n");
        }
    }

    /**
     * Each step's mean per hop, from the services' own timers ({@code observe.HopTimers}): which hop grows with the
     * load. Means of a step's operations, not percentiles; a hop no service reported in a step is a dash.
     */
    static void hops(StringBuilder md, List<StepHops> steps, String path) {
        if (steps == null || steps.stream().allMatch(s -> s.meanMs().isEmpty())) {
            return;
        }
        List<String> names = steps.stream().flatMap(s -> s.meanMs().keySet().stream()).distinct().toList();
        md.append("\nWhere the milliseconds go, per step — ").append(path).append(" (each hop's mean ms, the services' "
                + "own timers):\n\n| offered /s | ").append(String.join(" | ", names)).append(" |\n|---|")
                .append("---|".repeat(names.size())).append('\n');
        for (StepHops s : steps) {
            md.append("| ").append(Num.text(s.offeredPerSec()));
            for (String name : names) {
                Double mean = s.meanMs().get(name);
                md.append(" | ").append(mean == null ? "–" : Num.text(mean));
            }
            md.append(" |\n");
        }
    }

    /** The statements that spent the most database time (pg_stat_statements), per operation. */
    private static void statements(StringBuilder md, List<StatementCosts.Cost> costs, String operation) {
        statements(md, costs, operation, "whole scenario");
    }

    private static void statements(StringBuilder md, List<StatementCosts.Cost> costs, String operation,
            String window) {
        if (costs == null || costs.isEmpty()) {
            return;
        }
        md.append("\nSQL statements that spent the most database time, per ").append(operation)
                .append(" (`pg_stat_statements`, ").append(window).append("; time = execution + planning, wall clock in the "
                        + "server):\n\n| statement | calls | ms | of which planning | planned on | rows | share of time |\n"
                        + "|---|---|---|---|---|---|---|\n");
        for (StatementCosts.Cost c : costs) {
            String text = c.query().length() <= 160 ? c.query() : c.query().substring(0, 160) + " …";
            md.append("| `").append(text.replace("|", "\\|").replace("`", "'")).append("` | ")
                    .append(fine(c.callsPerOp())).append(" | ").append(fine(c.msPerOp())).append(" | ")
                    .append(fine(c.planMsPerOp())).append(" | ").append(Math.round(c.plannedShare() * 100))
                    .append(" % of executions | ").append(fine(c.rowsPerOp())).append(" | ")
                    .append(Math.round(c.shareOfTime() * 100)).append(" % |\n");
        }
    }

    /** Three decimals below 1: a statement's share of one delivery is often a few microseconds. */
    private static String fine(double value) {
        return value < 1 ? String.format("%.3f", value) : Num.text(value);
    }

    /** The tables that did the most work per call: rows read (sequential + index) first. */
    private static void tables(StringBuilder md, Map<String, Double> dbPerCall) {
        Map<String, Map<String, Double>> byTable = dbPerCall.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("db."))
                .collect(Collectors.groupingBy(e -> e.getKey().substring(0, e.getKey().lastIndexOf('.')),
                        Collectors.toMap(e -> e.getKey().substring(e.getKey().lastIndexOf('.') + 1), Map.Entry::getValue)));
        if (byTable.isEmpty()) {
            return;
        }
        md.append("| table | seq scans | rows read by seq scans | index scans | rows fetched by index | inserted | "
                + "updated | of which in place (HOT) | deleted |\n|---|---|---|---|---|---|---|---|---|\n");
        byTable.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, Map<String, Double>> e) ->
                        -(e.getValue().getOrDefault("seq_tup_read", 0.0) + e.getValue().getOrDefault("idx_tup_fetch", 0.0)
                                + e.getValue().getOrDefault("n_tup_ins", 0.0) + e.getValue().getOrDefault("n_tup_upd", 0.0))))
                .forEach(e -> {
                    Map<String, Double> t = e.getValue();
                    md.append("| ").append(e.getKey());
                    for (String c : List.of("seq_scan", "seq_tup_read", "idx_scan", "idx_tup_fetch", "n_tup_ins",
                            "n_tup_upd", "n_tup_hot_upd", "n_tup_del")) {
                        md.append(" | ").append(Num.text(t.get(c)));
                    }
                    md.append(" |\n");
                });
    }

    private static Map<String, Double> filter(Map<String, Double> values, String prefix) {
        return values.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .collect(Collectors.toMap(e -> e.getKey().substring(prefix.length()), Map.Entry::getValue,
                        (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static final Map<String, String> SHORT = Map.of("api-gateway", "gateway", "call-signaling-service",
            "signaling", "webhook-fanout-service", "fanout", "media-bridge-service", "media", "provider-sandbox",
            "sandbox", "kafka (launcher JVM)", "kafka", "load generator", "generator");

    /** {@code name value, …} with short component names, leaving out what is zero. */
    private static String compact(Map<String, Double> values) {
        if (values == null || values.isEmpty()) {
            return "–";
        }
        String text = values.entrySet().stream().filter(e -> e.getValue() != null && e.getValue() != 0.0)
                .map(e -> SHORT.getOrDefault(e.getKey(), e.getKey()) + " " + Num.text(e.getValue()))
                .collect(Collectors.joining(", "));
        return text.isEmpty() ? "–" : text;
    }
}
