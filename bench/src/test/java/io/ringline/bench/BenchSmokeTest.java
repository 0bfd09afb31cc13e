package io.ringline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.bench.media.GoMediaEndpoint;
import io.ringline.bench.observe.DbStats;
import io.ringline.bench.observe.HopTimers;
import io.ringline.bench.platform.BenchPlatformSettings;
import io.ringline.bench.platform.PlatformLauncher;
import io.ringline.bench.platform.Startup;
import io.ringline.bench.platform.Target;
import io.ringline.bench.report.Results;
import io.ringline.bench.seed.HistorySeeder;
import io.ringline.devstack.DevProfile;
import io.ringline.devstack.DevStack;
import io.ringline.devstack.DevStackOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark cannot rot: every scenario and every limit runs for a few seconds against the assembled platform
 * (in this JVM, to keep the suite fast — {@code ./bench.sh} runs it one JVM per service), every ledger balances,
 * and the report, chart and JSON come out with every documented key. No timing is asserted.
 */
class BenchSmokeTest {

    private static final List<String> SERVICES = List.of("provider-sandbox", "call-signaling-service",
            "webhook-fanout-service", "media-bridge-service", "api-gateway");

    private static GoMediaEndpoint goMedia;
    private static DevStack stack;
    private static long upInMs;

    @BeforeAll
    static void startPlatform() {
        goMedia = GoMediaEndpoint.start();
        long started = System.nanoTime();
        stack = DevStack.start(BenchPlatformSettings.apply(DevStackOptions.ephemeral(), goMedia.baseUrl()));
        upInMs = (System.nanoTime() - started) / 1_000_000;
    }

    @AfterAll
    static void stopPlatform() {
        if (stack != null) {
            stack.close();
        }
        if (goMedia != null) {
            goMedia.close();
        }
    }

    @Test
    void everyScenarioRunsTheLedgersBalanceAndTheReportHasEveryKey(@TempDir Path out) throws Exception {
        Results results = BenchRun.run(BenchConfig.smoke(), target(), out, goMedia);

        assertThat(results.voidReasons()).isEmpty();
        assertThat(results.valid()).isTrue();
        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(out.resolve("results.json")));

        JsonNode calls = json.path("scenarios").path("calls");
        for (String key : List.of("maxSustainedPerSec", "offered", "completed", "missing", "cpuMsPerCall")) {
            assertThat(calls.has(key)).as("scenarios.calls." + key).isTrue();
        }
        assertThat(calls.path("at500").has("p50Ms")).isTrue();
        assertThat(calls.path("at500").has("p99Ms")).isTrue();
        assertThat(calls.path("offered").asLong()).isPositive()
                .isEqualTo(calls.path("accepted").asLong() + calls.path("failed").asLong());
        assertThat(calls.path("completed").asLong()).isEqualTo(calls.path("accepted").asLong());
        assertThat(calls.path("missing").asLong()).isZero();
        assertThat(calls.path("balanced").asBoolean()).isTrue();
        // Every hop of the call's path was read from the running services' own timers in the first step.
        hopsRead(calls, "calls", HopTimers.CALL_PATH);

        actionsLadder(json.path("scenarios").path("actions"), "terminate");
        actionsLadder(json.path("scenarios").path("accepts"), "accept");

        JsonNode signals = json.path("scenarios").path("signals");
        for (String key : List.of("ratePerSec", "p50Ms", "p99Ms")) {
            assertThat(signals.has(key)).as("scenarios.signals." + key).isTrue();
        }
        assertThat(signals.path("offered").asLong()).isPositive()
                .isEqualTo(signals.path("accepted").asLong() + signals.path("failed").asLong());
        assertThat(signals.path("missing").asLong()).isZero();
        hopsRead(signals, "signals", HopTimers.SIGNAL_PATH);
        assertThat(signals.path("dbPerSignal").path("db.xact_commit").asDouble())
                .as("transactions per signal, counted for the signals' database limit").isPositive();
        assertThat(signals.path("dbPerSignal").path("db.statements").asDouble())
                .as("statements per signal (pg_stat_statements), the round trips a step saves").isPositive();

        JsonNode fanout = json.path("scenarios").path("fanout");
        for (String key : List.of("deliveriesPerSec", "healthyP99Ms", "baselineP99Ms")) {
            assertThat(fanout.has(key)).as("scenarios.fanout." + key).isTrue();
        }
        assertThat(fanout.path("healthyDelivered").asLong()).isPositive()
                .isEqualTo(fanout.path("healthyExpected").asLong());
        assertThat(fanout.path("failingAttempts").asLong()).isPositive();

        JsonNode media = json.path("scenarios").path("media");
        for (String key : List.of("sessions", "relayP50Ms", "relayP99Ms", "addedP99Ms", "directP99Ms",
                "toProviderP99Ms", "toClientP99Ms",
                "bytesPerSec", "droppedFrames", "bridgeCpuPct", "bridgeHeapPerSessionKiB", "steps")) {
            assertThat(media.has(key)).as("scenarios.media." + key).isTrue();
        }
        assertThat(media.path("sessionsOffered").asLong()).isPositive()
                .isEqualTo(media.path("sessionsOpened").asLong() + media.path("sessionsFailed").asLong());
        assertThat(media.path("sessionsOpened").asLong()).isEqualTo(media.path("sessionsOffered").asLong());
        assertThat(media.path("callsEndedMissing").asLong()).isZero();
        assertThat(media.path("framesReceived").asLong()).isPositive();
        assertThat(media.path("balanced").asBoolean()).isTrue();
        assertThat(media.path("playout").asString()).as("the generator streams at real time").isEqualTo("live");
        assertThat(media.path("steps").get(0).has("lateDroppedPct")).isTrue();
        assertThat(media.path("steps")).hasSize(BenchConfig.smoke().mediaSessions().size());

        // Which statements spent the database's time (pg_stat_statements in the embedded PostgreSQL), per scenario:
        // the calls' own statements (a call's row written) and the fan-out's (its deliveries inserted) among them.
        assertThat(queries(calls)).anyMatch(q -> q.contains("INSERT INTO calls ") || q.contains("UPDATE calls "));
        assertThat(signals.path("statements")).isNotEmpty();
        assertThat(queries(fanout)).anyMatch(q -> q.contains("INSERT INTO delivery"));
        for (JsonNode statement : fanout.path("statements")) {
            assertThat(statement.path("callsPerOp").asDouble()).isPositive();
            assertThat(statement.path("msPerOp").asDouble()).isGreaterThanOrEqualTo(statement.path("planMsPerOp").asDouble());
        }

        for (String limit : List.of("kafka", "r2dbc", "webfluxEcho", "httpReceiver")) {
            assertThat(json.path("limits").path(limit).path("ratePerSec").isNumber()).as("limits." + limit).isTrue();
        }
        for (String service : SERVICES) {
            JsonNode s = json.path("services").path(service);
            assertThat(s.has("heapMaxMiB") && s.has("cpuPct")).as("services." + service).isTrue();
        }
        JsonNode conditions = json.path("conditions");
        for (String key : List.of("date", "gitCommit", "machine", "jdk", "callSteps", "actionSteps", "signalSteps", "fanoutSteps",
                "mediaSteps")) {
            assertThat(conditions.has(key)).as("conditions." + key).isTrue();
        }
        assertThat(json.path("targets")).hasSize(8);
        // The rate targets show the arithmetic: the tightest limit this run measured, and whether the target stands.
        for (String rateTarget : List.of("calls ≥ 1,000/s", "≥ 3,000 deliveries/s")) {
            assertThat(results.targets()).filteredOn(t -> t.target().startsWith(rateTarget)).singleElement()
                    .satisfies(t -> assertThat(t.measured()).contains("the tightest limit of its parts on this machine"));
        }

        assertThat(Files.readString(out.resolve("report.md"))).contains("Targets", "## calls", "## actions",
                "## accepts", "## signals", "## fanout", "## media", "Valid run", "SQL statements that spent the most database time, per delivery");
        BufferedImage chart = ImageIO.read(out.resolve("chart.png").toFile());
        assertThat(chart).isNotNull();
        assertThat(chart.getHeight()).isGreaterThan(chart.getWidth());
    }

    @Test
    void theHistorySeedingStepWritesItsRowsAndTheRunIsJudgedAgainstTheEmptyOne(@TempDir Path out) throws Exception {
        Results empty = BenchRun.run(BenchConfig.smoke(), target(), out.resolve("empty"), Set.of("calls"),
                null);
        JsonNode emptyCalls = JsonMapper.builder().build()
                .readTree(Files.readString(out.resolve("empty").resolve("results.json"))).path("scenarios").path("calls");

        Results seeded = BenchRun.run(BenchConfig.smoke(), target(), out.resolve("history"), Set.of("calls"),
                null, new HistorySeeder.History(3_000, 9_000), emptyCalls);

        assertThat(empty.valid()).isTrue();
        assertThat(seeded.voidReasons()).isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> history = (Map<String, Object>) seeded.conditions().get("history");
        assertThat(((Number) history.get("signaling.calls")).longValue()).isGreaterThanOrEqualTo(3_000);
        assertThat(((Number) history.get("signaling.processed_messages")).longValue()).isGreaterThanOrEqualTo(12_000);
        assertThat(((Number) history.get("fanout.delivery")).longValue()).isGreaterThanOrEqualTo(9_000);
        assertThat(((Number) history.get("fanout.delivery_attempts")).longValue()).isGreaterThanOrEqualTo(9_000);
        assertThat(((Number) history.get("fanout.event_log")).longValue()).isGreaterThanOrEqualTo(9_000);
        Results.TargetCheck check = seeded.targets().stream().filter(t -> t.target().contains("stored"))
                .findFirst().orElseThrow();
        // the smoke run has no warm-up and sustains no step, so there is no rate to compare (HistoryCheckTest judges)
        assertThat(check.measured()).contains("calls and", "deliveries stored");

        // The seeding leaves no work to autovacuum, and the counters that would show it are read per table.
        Target.Database db = target().database();
        Map<String, Long> counters = new DbStats(db.jdbcUrl(), db.user(), db.password()).snapshot();
        assertThat(counters).containsKeys("signaling.processed_messages.idx_blks_read",
                "fanout.delivery.heap_blks_read", "fanout.delivery.autovacuum_count");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'delivery'"
                     + " AND schemaname = 'fanout' AND last_vacuum IS NOT NULL")) {
            r.next();
            assertThat(r.getLong(1)).as("fanout.delivery vacuumed by the seeding step").isEqualTo(1);
        }
    }

    /** One actions ladder: every key, its books balanced, and one command per action in the step's window. */
    private static void actionsLadder(JsonNode actions, String verb) {
        for (String key : List.of("action", "maxSustainedPerSec", "offered", "succeeded", "failed", "missing",
                "cpuMsPerAction", "kafkaRecordsPerAction", "steps")) {
            assertThat(actions.has(key)).as(verb + ": " + key).isTrue();
        }
        assertThat(actions.path("action").asString()).isEqualTo(verb);
        assertThat(actions.path("at500").has("p99Ms")).isTrue();
        assertThat(actions.path("offered").asLong()).as(verb + "s offered").isPositive()
                .isEqualTo(actions.path("succeeded").asLong() + actions.path("failed").asLong());
        assertThat(actions.path("placed").asLong()).isGreaterThanOrEqualTo(actions.path("offered").asLong());
        assertThat(actions.path("succeeded").asLong()).as(verb + "s answered 200")
                .isEqualTo(actions.path("offered").asLong());
        assertThat(actions.path("missing").asLong()).isZero();
        assertThat(actions.path("endedEarly").asLong()).isZero();
        assertThat(actions.path("balanced").asBoolean()).isTrue();
        assertThat(actions.path("steps")).hasSize(BenchConfig.smoke().actionRates().size());
        // The step's window holds the actions' own statements: the call service reads or writes the call's row.
        assertThat(queries(actions)).anyMatch(q -> q.contains(" calls "));
        assertThat(actions.path("kafkaRecordsPerAction").path("calls.commands").asDouble())
                .as("one command per " + verb).isEqualTo(1.0);
    }

    private static List<String> queries(JsonNode scenario) {
        List<String> queries = new java.util.ArrayList<>();
        scenario.path("statements").forEach(statement -> queries.add(statement.path("query").asString()));
        return queries;
    }

    /** The single-JVM platform as a target: every service shares this JVM's pid. */
    private static Target target() {
        long pid = ProcessHandle.current().pid();
        Map<String, Target.Service> services = new LinkedHashMap<>();
        SERVICES.forEach(name -> services.put(name, new Target.Service(stack.platform().service(name).url(), pid)));
        var infra = stack.platform().infra();
        return new Target("single-jvm (smoke test)", stack.demo().gatewayUrl(), stack.demo().sandboxUrl(),
                DevProfile.OPERATOR_TOKEN, infra.kafkaBootstrap(),
                PlatformLauncher.devDatabase("localhost", infra.postgresPort()), services, -1,
                Startup.upIn(upInMs));
    }

    private static void hopsRead(JsonNode scenario, String name, List<HopTimers.Hop> path) {
        JsonNode first = scenario.path("hops").path(0).path("meanMs");
        for (HopTimers.Hop hop : path) {
            assertThat(first.path(hop.name()).asDouble()).as("scenarios.%s.hops[0]: %s (%s)", name, hop.name(), first)
                    .isPositive();
        }
    }
}
