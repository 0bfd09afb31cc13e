package io.ringline.bench;

import io.ringline.bench.limits.EchoLimit;
import io.ringline.bench.limits.KafkaLimit;
import io.ringline.bench.limits.LimitReport;
import io.ringline.bench.limits.R2dbcLimit;
import io.ringline.bench.limits.ReceiverLimit;
import io.ringline.bench.load.Http;
import io.ringline.bench.media.GoMediaEndpoint;
import io.ringline.bench.observe.CpuMeter;
import io.ringline.bench.observe.DbStats;
import io.ringline.bench.observe.HeapSampler;
import io.ringline.bench.observe.HopTimers;
import io.ringline.bench.observe.JitTime;
import io.ringline.bench.observe.KafkaOffsets;
import io.ringline.bench.observe.Meters;
import io.ringline.bench.observe.RefusedProviderWebhooks;
import io.ringline.bench.platform.Target;
import io.ringline.bench.receiver.LoopbackWebhookReceivers;
import io.ringline.bench.report.Charts;
import io.ringline.bench.report.HistoryCheck;
import io.ringline.bench.report.JsonReport;
import io.ringline.bench.report.LimitRatios;
import io.ringline.bench.report.MarkdownReport;
import io.ringline.bench.report.Num;
import io.ringline.bench.report.Results;
import io.ringline.bench.report.Targets;
import io.ringline.bench.scenario.ActionKind;
import io.ringline.bench.scenario.ActionLedger;
import io.ringline.bench.scenario.ActionsReport;
import io.ringline.bench.scenario.ActionsScenario;
import io.ringline.bench.scenario.CallLedger;
import io.ringline.bench.scenario.CallsReport;
import io.ringline.bench.scenario.CallsScenario;
import io.ringline.bench.scenario.FanoutLedger;
import io.ringline.bench.scenario.FanoutReport;
import io.ringline.bench.scenario.FanoutScenario;
import io.ringline.bench.scenario.MediaLedger;
import io.ringline.bench.scenario.MediaReport;
import io.ringline.bench.scenario.MediaScenario;
import io.ringline.bench.scenario.SignalLedger;
import io.ringline.bench.scenario.SignalsReport;
import io.ringline.bench.scenario.SignalsScenario;
import io.ringline.bench.seed.ApiClient;
import io.ringline.bench.seed.GoNumber;
import io.ringline.bench.seed.HistorySeeder;
import io.ringline.bench.seed.SeededTenant;
import io.ringline.bench.seed.Seeder;
import io.ringline.devstack.DevProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One benchmark run against a running platform: seeds it, measures the limits of its parts, runs the calls,
 * actions, accepts, signals, fan-out and media scenarios in that order while watching CPU, heap, the database and
 * Kafka, and writes {@code results.json}, {@code report.md} and {@code chart.png} into the output directory.
 */
final class BenchRun {

    private static final Logger log = LoggerFactory.getLogger(BenchRun.class);

    static final String KAFKA = "kafka (launcher JVM)";
    static final String POSTGRES = "postgresql";
    static final String GENERATOR = "load generator";
    /** The cores every process of the run shares: what the bare parts' CPU together is read against. */
    static final int CORES = Runtime.getRuntime().availableProcessors();
    /** The actions scenario's own tenants and numbers, so its webhooks reach its own ledger. */
    static final int ACTION_TENANTS = 4;
    static final int ACTION_NUMBERS_PER_TENANT = 5;
    /** After an accept, how much longer than a step the caller stays on the line: its hang-up falls off the clock. */
    static final Duration ACCEPTED_CALLS_LAST_BEYOND_STEP = Duration.ofSeconds(5);

    private BenchRun() {
    }

    /** Every part: the limits and the six scenarios. */
    public static final Set<String> ALL = Set.of("limits", "calls", "actions", "accepts", "signals", "fanout",
            "media");

    public static Results run(BenchConfig config, Target target, Path out, GoMediaEndpoint goMedia) {
        return run(config, target, out, ALL, goMedia);
    }

    /**
     * @param parts   which of {@link #ALL} to run (a profiling run may want only {@code calls})
     * @param goMedia the generator's GO media endpoint the platform's sandbox points realtime sessions at; null
     *                when it does not (a running dev stack): the media scenario is then not measured
     */
    public static Results run(BenchConfig config, Target target, Path out, Set<String> parts,
            GoMediaEndpoint goMedia) {
        return run(config, target, out, parts, goMedia, null, null);
    }

    /**
     * @param history  when not null, this much history is written into the database before the scenarios
     *                 ({@link HistorySeeder}) and the calls are judged against {@code emptyRun}
     * @param emptyRun {@code scenarios.calls} of the last complete run on an empty database, or null
     */
    public static Results run(BenchConfig config, Target target, Path out, Set<String> parts,
            GoMediaEndpoint goMedia, HistorySeeder.History history, tools.jackson.databind.JsonNode emptyRun) {
        long started = System.nanoTime();
        Map<String, Object> conditions = Conditions.describe(config, target);
        if (!parts.containsAll(ALL)) {
            conditions.put("partialRun", "only " + parts);
        }
        String runId = Seeder.newRunId();
        try (LoopbackWebhookReceivers receiver = LoopbackWebhookReceivers.start();
             Http http = new Http("bench", 4096, Duration.ofSeconds(30))) {
            CallLedger calls = new CallLedger();
            ActionLedger actions = new ActionLedger(ActionKind.TERMINATE);
            ActionLedger accepts = new ActionLedger(ActionKind.ACCEPT);
            SignalLedger signals = new SignalLedger();
            FanoutLedger baseline = new FanoutLedger(false);
            FanoutLedger mixed = new FanoutLedger(true);
            receiver.route("calls", calls);
            receiver.route("actions", actions);
            receiver.route("accepts", accepts);
            receiver.route("signals", signals);
            receiver.route("fanout-base", baseline);
            receiver.route("fanout-mixed", mixed);
            MediaLedger media = new MediaLedger();
            receiver.route("media", media);

            log.info("seeding run {} on {}", runId, target.gatewayUrl());
            Seeder seeder = new Seeder(new ApiClient(), target, runId);
            List<GoNumber> callNumbers = seeder.goFleet("calls", config.callTenants(), config.numbersPerTenant(),
                    t -> receiver.url() + "/calls/" + t, 0);
            List<GoNumber> signalNumbers = seeder.goFleet("signals", config.signalTenants(),
                    config.signalNumbersPerTenant(), t -> receiver.url() + "/signals/" + t, 5000);
            List<String> users = seeder.answeringUsers(config.users(), BenchConfig.ANSWER_AFTER_MS,
                    BenchConfig.HANG_UP_AFTER_MS);
            boolean runActions = parts.contains("actions");
            List<GoNumber> actionNumbers = runActions ? seeder.goFleet("actions", ACTION_TENANTS,
                    ACTION_NUMBERS_PER_TENANT, t -> receiver.url() + "/actions/" + t, 8000) : List.of();
            // They answer and stay on the line: the scenario's terminates end the calls.
            List<String> actionUsers = runActions ? seeder.answeringUsers("+55216", BenchConfig.ACTION_USERS,
                    BenchConfig.ANSWER_AFTER_MS, -1) : List.of();
            boolean runAccepts = parts.contains("accepts");
            List<GoNumber> acceptNumbers = runAccepts ? seeder.goFleet("accepts", ACTION_TENANTS,
                    ACTION_NUMBERS_PER_TENANT, t -> receiver.url() + "/accepts/" + t, 8500) : List.of();
            // They call the scenario's numbers, and hang up a while after being answered.
            Duration acceptedCallsLast = config.actionStep().plus(ACCEPTED_CALLS_LAST_BEYOND_STEP);
            List<String> acceptUsers = runAccepts ? seeder.answeringUsers("+55218", BenchConfig.ACTION_USERS,
                    BenchConfig.ANSWER_AFTER_MS, acceptedCallsLast.toMillis()) : List.of();
            List<SeededTenant> baseTenants = seeder.subscribedTenants("fanout-base", config.fanoutTenants(),
                    t -> endpoints(receiver, "fanout-base", t));
            List<SeededTenant> mixedTenants = seeder.subscribedTenants("fanout-mixed", config.fanoutTenants(),
                    t -> endpoints(receiver, "fanout-mixed", t));
            boolean runMedia = parts.contains("media") && goMedia != null;
            int mediaMax = config.mediaSessions().stream().mapToInt(Integer::intValue).max().orElse(0);
            List<GoNumber> mediaNumbers = runMedia ? seeder.goFleet("media", config.mediaTenants(),
                    config.mediaNumbersPerTenant(), t -> receiver.url() + "/media/" + t, 7000) : List.of();
            // The media users answer and stay on the line: the generator terminates the calls when it is done.
            List<String> mediaUsers = runMedia ? seeder.answeringUsers("+55217", mediaMax + mediaMax / 5 + 10,
                    BenchConfig.ANSWER_AFTER_MS, -1) : List.of();

            Map<String, Object> seededHistory = history == null ? null
                    : HistorySeeder.seed(target.database(), history, callNumbers);
            if (seededHistory != null) {
                conditions.put("history", seededHistory);
            }

            DbStats db = new DbStats(target.database().jdbcUrl(), target.database().user(),
                    target.database().password());
            CpuMeter cpu = new CpuMeter(sources(target, db));
            CpuMeter generatorCpu = new CpuMeter(Map.of(GENERATOR,
                    new CpuMeter.Source(ProcessHandle.current().pid(), false)));
            Map<String, String> serviceUrls = new LinkedHashMap<>();
            target.services().forEach((name, service) -> serviceUrls.put(name, service.url()));
            try (Meters meters = new Meters(cpu, new HeapSampler(serviceUrls, internalToken()), db,
                    new KafkaOffsets(target.kafkaBootstrap()), new HopTimers(serviceUrls, internalToken()))) {
                // A run without warm-up (the test suite's smoke run) measures no figure worth the wait.
                if (!config.warmup().isZero()) {
                    conditions.put("settledBeforeLimits", settle(cpu));
                }
                // What the platform burns doing nothing (consumers polling, relays, schedulers), to read the
                // per-operation figures against.
                var idleStart = cpu.snapshot();
                long idleT0 = System.nanoTime();
                sleep(config.limitDuration().toMillis());
                Map<String, Double> idle = Meters.percent(idleStart, cpu.snapshot(), (System.nanoTime() - idleT0) / 1e9);
                log.info("idle CPU (% of a core): {}", idle);
                var cpuStart = cpu.snapshot();
                Map<Long, Double> jitStart = jit(cpu);

                Map<String, LimitReport> limits = new LinkedHashMap<>();
                if (parts.contains("limits")) {
                    limit(limits, "kafka", () -> KafkaLimit.measure(target.kafkaBootstrap(), config.limitDuration(),
                            cpu));
                    limit(limits, "r2dbc", () -> R2dbcLimit.measure(target.database(), config.limitDuration(), cpu));
                    limit(limits, "webfluxEcho", () -> EchoLimit.measure(http, config.limitDuration(), generatorCpu));
                    limit(limits, "httpReceiver", () -> ReceiverLimit.measure(http, receiver,
                            config.limitDuration(), generatorCpu));
                }
                CallsReport callsReport = null;
                if (parts.contains("calls")) {
                    log.info("calls scenario");
                    RefusedProviderWebhooks refused = new RefusedProviderWebhooks(target.sandboxUrl());
                    callsReport = new CallsScenario(config, target.gatewayUrl(), http, meters, calls, callNumbers,
                            users, () -> platformJitSeconds(cpu), refused::count).run();
                }
                ActionsReport actionsReport = null;
                if (runActions) {
                    log.info("actions scenario");
                    actionsReport = ActionsScenario.terminates(config, target.gatewayUrl(), http, meters, actions,
                            actionNumbers, actionUsers).run();
                }
                ActionsReport acceptsReport = null;
                if (runAccepts) {
                    log.info("accepts scenario");
                    acceptsReport = ActionsScenario.accepts(config, target.gatewayUrl(), target.sandboxUrl(), http,
                            meters, accepts, acceptNumbers, acceptUsers, acceptedCallsLast).run();
                }
                SignalsReport signalsReport = null;
                if (parts.contains("signals")) {
                    log.info("signals scenario");
                    signalsReport = new SignalsScenario(config, target.gatewayUrl(), http, meters, signals,
                            signalNumbers, users).run();
                }
                FanoutReport fanoutReport = null;
                if (parts.contains("fanout")) {
                    log.info("fan-out scenario");
                    try (KafkaProducer<String, SpecificRecord> producer =
                                 new KafkaProducer<>(KafkaLimit.producerProps(target.kafkaBootstrap()))) {
                        FanoutScenario fanout = new FanoutScenario(config, producer, meters);
                        fanout.warmUp(baseTenants, baseline);
                        var baseRun = fanout.run("base", baseTenants, baseline);
                        var mixedRun = fanout.run("mixed", mixedTenants, mixed);
                        fanoutReport = FanoutScenario.report(baseRun, mixedRun);
                    }
                }
                // The failing and slow endpoints would keep the fan-out retrying long after the run.
                mixedTenants.forEach(seeder::deleteWebhooks);
                MediaReport mediaReport = null;
                if (runMedia) {
                    log.info("media scenario");
                    mediaReport = new MediaScenario(config, target.gatewayUrl(), http, meters, media, mediaNumbers,
                            mediaUsers, goMedia, target.services().get(MediaScenario.BRIDGE), internalToken()).run();
                } else if (parts.contains("media")) {
                    log.warn("media scenario not run: the platform's sandbox does not point realtime sessions at "
                            + "the generator (start it with ./bench.sh, not --stack)");
                }

                double seconds = (System.nanoTime() - started) / 1e9;
                var cpuEnd = cpu.snapshot();
                Map<Long, Double> jitEnd = jit(cpu);
                Map<String, Results.ComponentReport> services = components(target, meters, cpuStart, cpuEnd, seconds,
                        jitStart, jitEnd, idle);
                Results.ComponentReport generator = services.remove(GENERATOR);

                callsReport = callsReport == null ? null : callsReport.withRatio(LimitRatios.ratio(
                        callsReport.maxSustainedPerSec(), callsReport.steps(), LimitRatios.forCalls(limits,
                                callsReport.dbPerCall(), callsReport.kafkaRecordsPerCall(), CORES)));
                signalsReport = signalsReport == null ? null
                        : signalsReport.withRatio(LimitRatios.ratio(signalsReport.maxSustainedPerSec(),
                                signalsReport.steps(), LimitRatios.forSignals(limits, signalsReport.dbPerSignal(),
                                        signalsReport.kafkaRecordsPerSignal(), CORES)));
                fanoutReport = fanoutReport == null ? null : fanoutReport.withRatio(LimitRatios.ratio(
                        fanoutReport.deliveriesPerSec(), fanoutReport.steps(), LimitRatios.forDeliveries(limits)));

                List<String> voidReasons = new ArrayList<>();
                if (callsReport != null && !callsReport.balanced()) {
                    voidReasons.add("the calls ledger does not balance (offered " + callsReport.offered()
                            + ", accepted " + callsReport.accepted() + ", failed " + callsReport.failed()
                            + ", webhooks missing " + callsReport.missing() + ", GO webhooks the gateway refused "
                            + callsReport.refusedProviderWebhooks() + ")");
                }
                for (ActionsReport report : Arrays.asList(actionsReport, acceptsReport)) {
                    if (report != null && !report.balanced()) {
                        voidReasons.add("the " + report.action() + " ledger does not balance (offered "
                                + report.offered() + ", answered 200 " + report.succeeded() + ", failed "
                                + report.failed() + ", done webhooks missing " + report.missing() + ")");
                    }
                }
                if (signalsReport != null && !signalsReport.balanced()) {
                    voidReasons.add("the signals ledger does not balance (offered " + signalsReport.offered()
                            + ", accepted " + signalsReport.accepted() + ", failed " + signalsReport.failed()
                            + ", webhooks missing " + signalsReport.missing() + ")");
                }
                if (fanoutReport != null && !fanoutReport.balanced()) {
                    voidReasons.add("healthy fan-out deliveries are missing (" + fanoutReport.missing() + ")");
                }
                if (mediaReport != null && !mediaReport.balanced()) {
                    voidReasons.add("the media ledger does not balance (sessions offered "
                            + mediaReport.sessionsOffered() + ", opened " + mediaReport.sessionsOpened() + ", failed "
                            + mediaReport.sessionsFailed() + "; call ends missing " + mediaReport.callsEndedMissing()
                            + "; frames sent " + mediaReport.framesSent() + ", received "
                            + mediaReport.framesReceived() + ")");
                }
                target.services().forEach((name, service) -> {
                    if (service.pid() > 0 && !ProcessHandle.of(service.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                        voidReasons.add(name + " (pid " + service.pid() + ") died during the run");
                    }
                });
                conditions.put("durationSeconds", Num.round(seconds, 0));
                Results results = new Results(voidReasons.isEmpty(), voidReasons, conditions, limits,
                        new Results.Scenarios(callsReport, actionsReport, acceptsReport, signalsReport, fanoutReport,
                                mediaReport), services,
                        generator, Targets.check(callsReport, signalsReport, fanoutReport, mediaReport, services,
                                target.startup(), seededHistory == null ? null
                                        : HistoryCheck.judge(seededHistory, callsReport, emptyRun)));
                write(results, out);
                return results;
            }
        }
    }

    static void write(Results results, Path out) {
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        JsonReport.write(results, out.resolve("results.json"));
        MarkdownReport.write(results, out.resolve("report.md"));
        Charts.write(results, out.resolve("chart.png"));
    }

    /** The dev stack's, unless the platform runs with a real one. */
    private static String internalToken() {
        return System.getenv().getOrDefault("RINGLINE_INTERNAL_TOKEN", DevProfile.INTERNAL_TOKEN);
    }

    /** The platform counts as settled when all its processes together use less than this much of one core. */
    static final double SETTLED_BELOW_PCT = 30;
    static final Duration SETTLE_WITHIN = Duration.ofSeconds(120);

    /**
     * Waits until the platform has finished starting (JIT compiling the start-up paths, consumers joining their
     * groups, AOT caches written) before the limits are measured: a limit taken while five freshly started JVMs
     * still compile runs on what is left of the two cores and reads several times too low (seen: a WebFlux echo
     * at 252 req/s right after a start against 1,119 req/s on a settled machine).
     *
     * @return how long it took and the platform's CPU in the last window, for the report's conditions
     */
    private static String settle(CpuMeter cpu) {
        long t0 = System.nanoTime();
        long deadline = t0 + SETTLE_WITHIN.toNanos();
        double busy = Double.NaN;
        List<Double> windows = new java.util.ArrayList<>();
        boolean settled = false;
        while (!settled && System.nanoTime() < deadline) {
            var start = cpu.snapshot();
            long w0 = System.nanoTime();
            sleep(2000);
            busy = Meters.percent(start, cpu.snapshot(), (System.nanoTime() - w0) / 1e9).entrySet().stream()
                    .filter(e -> !e.getKey().equals(GENERATOR)).mapToDouble(Map.Entry::getValue).sum();
            windows.add(busy);
            settled = busy < SETTLED_BELOW_PCT || plateau(windows);
        }
        String verdict = String.format(java.util.Locale.ROOT, "%s after %.0f s (platform at %.0f %% of a core; "
                        + "waits for < %.0f %% or three 2-s windows within %.0f points, at most %d s)",
                settled ? "settled" : "NOT settled", (System.nanoTime() - t0) / 1e9, busy, SETTLED_BELOW_PCT,
                PLATEAU_POINTS, SETTLE_WITHIN.toSeconds());
        log.info("before the limits: {}", verdict);
        return verdict;
    }

    static final double PLATEAU_POINTS = 5;

    /** The last three windows within {@link #PLATEAU_POINTS} of each other: what is left is the platform's idle. */
    static boolean plateau(List<Double> windows) {
        if (windows.size() < 3) {
            return false;
        }
        List<Double> last = windows.subList(windows.size() - 3, windows.size());
        double max = last.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double min = last.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        return max - min <= PLATEAU_POINTS;
    }


    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> endpoints(LoopbackWebhookReceivers receiver, String run, int tenant) {
        return IntStream.range(0, BenchConfig.ENDPOINTS_PER_TENANT)
                // Spread over the receiver's loopback hosts, as real tenants' endpoints are spread over hosts: the
                // fan-out's per-host slots would otherwise cap the whole run at one host's 16 attempts at once.
                .mapToObj(e -> receiver.url(tenant * BenchConfig.ENDPOINTS_PER_TENANT + e) + "/" + run + "/" + tenant
                        + "/" + e).toList();
    }

    private static void limit(Map<String, LimitReport> limits, String name, Supplier<LimitReport> measure) {
        log.info("limit: {}", name);
        try {
            LimitReport report = measure.get();
            limits.put(name, report);
            log.info("limit {}: {}/s, p99 {} ms", name, report.ratePerSec(), report.p99Ms());
        } catch (RuntimeException e) {
            log.warn("limit {} could not be measured: {}", name, e.toString());
            limits.put(name, new LimitReport("not measured: " + e.getMessage(), null, null, null, 0, 1, Map.of()));
        }
    }

    private static Map<String, CpuMeter.Source> sources(Target target, DbStats db) {
        Map<String, CpuMeter.Source> sources = new LinkedHashMap<>();
        target.services().forEach((name, service) -> {
            if (service.pid() > 0) {
                sources.put(name, new CpuMeter.Source(service.pid(), false));
            }
        });
        if (target.launcherPid() > 0) {
            sources.put(KAFKA, new CpuMeter.Source(target.launcherPid(), false));
        }
        long postgres = db.serverPid();
        if (postgres > 0) {
            sources.put(POSTGRES, new CpuMeter.Source(postgres, true));
        }
        sources.put(GENERATOR, new CpuMeter.Source(ProcessHandle.current().pid(), false));
        return sources;
    }

    /** JIT seconds so far, summed over the platform's JVMs (not the generator's). */
    private static double platformJitSeconds(CpuMeter cpu) {
        long self = ProcessHandle.current().pid();
        return cpu.sources().values().stream().mapToLong(CpuMeter.Source::pid).distinct().filter(pid -> pid != self)
                .mapToDouble(JitTime::seconds).filter(s -> s >= 0).sum();
    }

    /** JIT seconds so far of every JVM measured (PostgreSQL is not one and reads as -1). */
    private static Map<Long, Double> jit(CpuMeter cpu) {
        Map<Long, Double> seconds = new LinkedHashMap<>();
        cpu.sources().values().forEach(source -> seconds.computeIfAbsent(source.pid(), JitTime::seconds));
        return seconds;
    }

    private static Map<String, Results.ComponentReport> components(Target target, Meters meters,
            Map<String, Long> cpuStart, Map<String, Long> cpuEnd, double seconds, Map<Long, Double> jitStart,
            Map<Long, Double> jitEnd, Map<String, Double> idle) {
        Map<String, Long> heap = meters.heap().maxBytes();
        Map<String, Double> gc = meters.heap().gcPauseSeconds();
        Map<String, Long> cpu = CpuMeter.delta(cpuStart, cpuEnd);
        Map<String, Results.ComponentReport> components = new LinkedHashMap<>();
        for (String name : meters.cpu().sources().keySet()) {
            Long ms = cpu.get(name);
            Long heapBytes = heap.get(name);
            long pid = meters.cpu().sources().get(name).pid();
            double before = jitStart.getOrDefault(pid, -1.0);
            double after = jitEnd.getOrDefault(pid, -1.0);
            components.put(name, new Results.ComponentReport(pid,
                    heapBytes == null ? null : Num.round(heapBytes / 1048576.0, 1), Num.round(gc.getOrDefault(name,
                            Double.NaN), 2), idle.get(name), ms == null ? null : Num.round(ms / 10.0 / seconds, 1),
                    ms == null ? null : Num.round(ms / 1000.0, 1),
                    before < 0 || after < 0 ? null : Num.round(after - before, 1)));
        }
        target.services().forEach((name, service) -> components.computeIfAbsent(name, n ->
                new Results.ComponentReport(service.pid(), heap.containsKey(n) ? Num.round(heap.get(n) / 1048576.0,
                        1) : null, Num.round(gc.getOrDefault(n, Double.NaN), 2), null, null, null, null)));
        return components;
    }
}
