package io.ringline.bench.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a campaign's {@code results.json} and {@code report.md}, and the summary printed at the end. */
final class CampaignReport {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private CampaignReport() {
    }

    static void write(CampaignResult r, Path out) {
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("results.json"), JSON.writeValueAsString(json(r)));
            Files.writeString(out.resolve("report.md"), markdown(r));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the campaign's results to " + out, e);
        }
    }

    static Map<String, Object> json(CampaignResult r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("passed", r.passed());
        root.put("lost", r.lost());
        root.put("duplicatedWithNewId", r.duplicatedWithNewId());
        root.put("stuck", r.stuck());
        root.put("conditions", conditions(r));
        Map<String, Object> kinds = new LinkedHashMap<>();
        r.byKind().forEach((kind, s) -> {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("injected", s.injected());
            k.put("recovered", s.recovered());
            k.put("recoveryP50Ms", s.p50Ms());
            k.put("recoveryMaxMs", s.maxMs());
            kinds.put(kind, k);
        });
        root.put("faultsByKind", kinds);
        List<Map<String, Object>> faults = new ArrayList<>();
        for (FaultRecord f : r.faults()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("round", f.round());
            m.put("kind", f.kind().name());
            m.put("target", f.target());
            m.put("injectedAt", f.injectedAt().toString());
            m.put("liftedAt", f.liftedAt().toString());
            m.put("recoveredAt", f.recoveredAt() == null ? null : f.recoveredAt().toString());
            m.put("recoveryMs", f.recoveryMs());
            m.put("detail", f.detail());
            faults.add(m);
        }
        root.put("faults", faults);
        root.put("load", r.load());
        root.put("loadFailures", r.loadFailures());
        root.put("realtimeSessions", r.sessions());
        root.put("webhooksReceived", r.webhooksReceived());
        List<Map<String, Object>> audits = new ArrayList<>();
        for (int i = 0; i < r.audits().size(); i++) {
            AuditReport a = r.audits().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("round", i + 1);
            m.put("clean", a.clean());
            m.put("calls", a.calls());
            m.put("liveCalls", a.liveCalls());
            m.put("eventRecords", a.events());
            m.put("events", a.distinctEvents());
            m.put("deliveries", a.deliveries());
            m.put("expectedDeliveries", a.expectedDeliveries());
            m.put("signals", a.signals());
            m.put("lost", a.lost());
            m.put("duplicatedWithNewId", a.duplicatedWithNewId());
            m.put("stuck", a.stuck());
            m.put("redeliveredSameId", a.redeliveredSameId());
            m.put("republishedSameEventId", a.republishedSameEventId());
            m.put("lostBy", a.lostBy());
            m.put("duplicatedBy", a.duplicatedBy());
            m.put("stuckBy", a.stuckBy());
            m.put("outboxRows", a.outboxRows());
            m.put("consumerLag", a.consumerLag());
            m.put("findings", a.findings());
            audits.add(m);
        }
        root.put("audits", audits);
        return root;
    }

    private static Map<String, Object> conditions(CampaignResult r) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("mode", r.config().mode());
        c.put("seed", r.seed());
        c.put("started", r.started().toString());
        c.put("durationSeconds", Duration.between(r.started(), r.ended()).toSeconds());
        c.put("rounds", r.config().rounds());
        c.put("loadCallsPerSec", r.config().ratePerSec());
        c.put("tenants", r.config().tenants());
        c.put("gitCommit", r.gitCommit());
        c.put("cores", Runtime.getRuntime().availableProcessors());
        c.put("loadAverageAtEnd", read("/proc/loadavg").split(" ")[0]);
        c.put("platform", "dev-stack --processes (one JVM per service, supervised), PostgreSQL embedded in the "
                + "launcher, Kafka broker (KRaft) as the campaign's own process; consumer session timeout "
                + CampaignPlatform.SESSION_TIMEOUT.toSeconds() + " s; sandbox no-answer timeout 5 s, accept window 8 s; "
                + (r.config().productionStart() ? "services with JDK AOT caches and the full JIT"
                        : "services without AOT caches (--no-aot-cache) and with C1 only ("
                                + CampaignPlatform.SHORT_LIVED_JIT + ")"));
        c.put("serviceJvmOptions", r.serviceJvmOptions());
        c.put("processes", List.copyOf(r.target().services().keySet()));
        return c;
    }

    static String summary(CampaignResult r) {
        StringBuilder s = new StringBuilder();
        s.append(r.passed() ? "Fault campaign PASSED" : "Fault campaign FAILED").append(" (").append(r.config().mode())
                .append(", ").append(r.config().rounds()).append(" round(s), seed ").append(r.seed()).append(")\n");
        s.append("  faults injected: ").append(r.injectedByKind()).append('\n');
        AuditReport a = r.finalAudit();
        s.append("  ").append(a.headline()).append('\n');
        r.byKind().forEach((kind, k) -> s.append(String.format("  %-17s %d injected, %d recovered, recovery p50 %s ms,"
                + " max %s ms%n", kind, k.injected(), k.recovered(), k.p50Ms(), k.maxMs())));
        a.findings().forEach(f -> s.append("  ! ").append(f).append('\n'));
        return s.toString();
    }

    private static String markdown(CampaignResult r) {
        StringBuilder md = new StringBuilder();
        AuditReport last = r.finalAudit();
        md.append("# Fault campaign — ").append(r.passed() ? "passed" : "FAILED").append("\n\n");
        md.append("**lost = ").append(last.lost()).append(", duplicated-with-new-id = ")
                .append(last.duplicatedWithNewId()).append(", stuck = ").append(last.stuck()).append("**\n\n");
        conditions(r).forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n## Faults by kind\n\n| kind | injected | recovered | recovery p50 (ms) | max (ms) |\n|---|---|---|---|---|\n");
        r.byKind().forEach((kind, k) -> md.append("| ").append(kind).append(" | ").append(k.injected()).append(" | ")
                .append(k.recovered()).append(" | ").append(k.p50Ms()).append(" | ").append(k.maxMs()).append(" |\n"));
        md.append("\nRecovery: from the moment the fault was lifted (the kill itself for a kill; SIGCONT; the broker or "
                + "database answering again; the sandbox switch cleared) until a probe call completed end to end "
                + "(201, then its call.ended webhook at the receiver).\n");
        md.append("\n## Every fault\n\n| round | kind | target | injected | lifted | recovered | ms | detail |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (FaultRecord f : r.faults()) {
            md.append("| ").append(f.round()).append(" | ").append(f.kind()).append(" | ").append(f.target())
                    .append(" | ").append(f.injectedAt()).append(" | ").append(f.liftedAt()).append(" | ")
                    .append(f.recoveredAt()).append(" | ").append(f.recoveryMs()).append(" | ").append(f.detail())
                    .append(" |\n");
        }
        md.append("\n## Load\n\n| plan | offered | started | failed |\n|---|---|---|---|\n");
        r.load().forEach((plan, t) -> md.append("| ").append(plan).append(" | ").append(t.offered()).append(" | ")
                .append(t.started()).append(" | ").append(t.failed()).append(" |\n"));
        md.append("\nFailures seen by the load (expected while faults are on): ").append(r.loadFailures())
                .append("\n\nRealtime sessions: ").append(r.sessions()).append('\n');
        md.append("\n## Audits\n");
        for (int i = 0; i < r.audits().size(); i++) {
            AuditReport a = r.audits().get(i);
            md.append("\n### After round ").append(i + 1).append(a.clean() ? " — clean" : " — NOT clean").append("\n\n")
                    .append(a.headline()).append("\n\n- lost by kind: ").append(a.lostBy())
                    .append("\n- duplicated-with-new-id by kind: ").append(a.duplicatedBy())
                    .append("\n- stuck by kind: ").append(a.stuckBy())
                    .append("\n- outbox rows: ").append(a.outboxRows())
                    .append("\n- consumer lag: ").append(a.consumerLag()).append('\n');
            if (!a.findings().isEmpty()) {
                md.append("\nFindings (first ").append(Auditor.EVIDENCE_PER_KIND).append(" of each kind):\n\n");
                a.findings().forEach(f -> md.append("- ").append(f).append('\n'));
            }
        }
        return md.toString();
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
