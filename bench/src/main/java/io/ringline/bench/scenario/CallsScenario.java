package io.ringline.bench.scenario;

import io.ringline.bench.BenchConfig;
import io.ringline.bench.load.ClosedLoop;
import io.ringline.bench.load.Http;
import io.ringline.bench.load.OpenLoop;
import io.ringline.bench.load.Outcome;
import io.ringline.bench.load.RunResult;
import io.ringline.bench.load.Schedule;
import io.ringline.bench.observe.DbStats;
import io.ringline.bench.observe.HopTimers;
import io.ringline.bench.observe.StatementCosts;
import io.ringline.bench.observe.Meters;
import io.ringline.bench.report.Num;
import io.ringline.bench.report.StepHops;
import io.ringline.bench.report.StepReport;
import io.ringline.bench.seed.GoNumber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code calls}: {@code POST /v1/calls} on EVO_GO numbers of many tenants at a constant rate, step after rising step;
 * every call rings at a simulated user who answers and hangs up, and its three webhooks come back to the generator.
 * A step is sustained when nothing failed, POST p99 ≤ 100 ms and the achieved rate kept up; the highest sustained
 * rate is the last step of the unbroken run of sustained steps from the bottom. A step that misses only the latency
 * bound does not end the ramp: the steps above it draw the cost curve (latency and CPU per call against load) until
 * one fails, falls behind or passes {@value #CURVE_P99_LIMIT_FACTOR} × the bound — without them a platform slower
 * than the bound at the first step would show a single point.
 */
public final class CallsScenario {

    private static final Logger log = LoggerFactory.getLogger(CallsScenario.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WARMUP_ROUND = Duration.ofSeconds(10);
    private static final double QUIET_JIT_SECONDS = 2.0;
    /** The ramp goes on past the latency bound until p99 is this many times the bound. */
    static final int CURVE_P99_LIMIT_FACTOR = 10;

    private final BenchConfig config;
    private final String gatewayUrl;
    private final Http http;
    private final Meters meters;
    private final CallLedger ledger;
    private final List<GoNumber> numbers;
    private final List<byte[]> bodies;
    private final DoubleSupplier jitSeconds;
    private final LongSupplier refusedProviderWebhooks;
    private CallsReport.Warmup warmup;

    /**
     * @param jitSeconds              JIT compile seconds so far, summed over the platform's JVMs
     * @param refusedProviderWebhooks Evolution GO webhooks the gateway refused so far ({@link CallLedger})
     */
    public CallsScenario(BenchConfig config, String gatewayUrl, Http http, Meters meters, CallLedger ledger,
            List<GoNumber> numbers, List<String> users, DoubleSupplier jitSeconds,
            LongSupplier refusedProviderWebhooks) {
        this.config = config;
        this.gatewayUrl = gatewayUrl;
        this.http = http;
        this.meters = meters;
        this.ledger = ledger;
        this.numbers = numbers;
        this.jitSeconds = jitSeconds;
        this.refusedProviderWebhooks = refusedProviderWebhooks;
        this.bodies = users.stream().map(to -> JSON.writeValueAsBytes(Map.of("to", to))).toList();
    }

    public CallsReport run() {
        var dbBefore = meters.db().snapshot();
        var statementsBefore = meters.db().statements();
        var kafkaBefore = meters.kafka().snapshot();
        long refusedBefore = refusedProviderWebhooks.getAsLong();
        if (!config.warmup().isZero()) {
            warmUp();
        }
        List<StepReport> steps = new ArrayList<>();
        List<StepHops> hops = new ArrayList<>();
        for (double rate : config.callRates()) {
            var hopsBefore = meters.hops().snapshot(HopTimers.CALL_PATH);
            var cpuBefore = meters.cpu().snapshot();
            long t0 = System.nanoTime();
            RunResult run = OpenLoop.run(Schedule.constantRate(rate, config.callStep()), this::placeCall,
                    config.stepDrain(), 50_000);
            var cpuAfter = meters.cpu().snapshot();
            double seconds = (System.nanoTime() - t0) / 1e9;
            hops.add(new StepHops(Num.round(rate, 1),
                    HopTimers.meansMs(hopsBefore, meters.hops().snapshot(HopTimers.CALL_PATH))));
            String verdict = verdict(run, "POST");
            StepReport step = StepReport.of(run, verdict == null, verdict == null ? "sustained" : verdict,
                    Meters.perOperation(cpuBefore, cpuAfter, run.ok()), Meters.percent(cpuBefore, cpuAfter, seconds));
            steps.add(step);
            log.info("calls {}/s: achieved {}/s, POST p50 {} ms p99 {} ms, {} errors → {}", rate,
                    step.achievedPerSec(), step.p50Ms(), step.p99Ms(), step.errors(), step.verdict());
            if (!keepsClimbing(run)) {
                break;
            }
        }
        boolean drained = Drain.await(() -> ledger.completedCount() == ledger.acceptedCount(),
                ledger::completedCount, config.ledgerDrain(), Duration.ofMinutes(10));
        log.info("calls: ledger {} ({} of {} accepted calls complete)", drained ? "complete" : "INCOMPLETE",
                ledger.completedCount(), ledger.acceptedCount());
        sleep(config.statsFlushWait().toMillis()); // the backends report their counters when idle
        var dbDelta = DbStats.delta(dbBefore, meters.db().snapshot());
        var statementsAfter = meters.db().statements();
        var kafkaDelta = DbStats.delta(kafkaBefore, meters.kafka().snapshot());
        long refused = refusedProviderWebhooks.getAsLong() - refusedBefore;
        CallLedger.Tally tally = ledger.tally(refused);
        if (refused > 0) {
            log.warn("calls: the gateway refused {} Evolution GO webhooks (GO does not retry); {} tenant webhooks "
                    + "missing", refused, tally.missing());
        }

        ReferenceStep reference = ReferenceStep.of(steps);
        return new CallsReport(ReferenceStep.highestSustained(steps), reference.point(), warmup, tally.offered(),
                tally.accepted(), tally.failed(), tally.completed(), tally.missing(), tally.duplicates(),
                tally.unmatched(), tally.refusedProviderWebhooks(), tally.balanced(), reference.index() < 0 ? Map.of() : steps.get(reference.index()).cpuMsPerOp(),
                Meters.per(dbDelta, tally.accepted()), Meters.per(kafkaDelta, tally.accepted()),
                DbStats.maintenance(dbDelta), steps, null,
                StatementCosts.top(statementsBefore, statementsAfter, tally.accepted(), StatementCosts.REPORTED), hops);
    }

    /**
     * Closed loop, in 10 s rounds, until the platform's JIT compilers have gone quiet (at most
     * {@value #QUIET_JIT_SECONDS} s of compiling per round, summed over its JVMs) or {@code warmup} has passed; then
     * until every warm-up call's webhooks are in. A cold platform — interpreter, then C1, then C2 compiling the same
     * frameworks in five JVMs on two cores — cannot take any fixed rate yet, and queueing behind one would not warm
     * it faster.
     */
    private void warmUp() {
        AtomicInteger index = new AtomicInteger();
        long deadline = System.nanoTime() + config.warmup().toNanos();
        double jitBefore = jitSeconds.getAsDouble();
        double compiled = Double.NaN;
        int round = 0;
        RunResult warm = null;
        while (System.nanoTime() < deadline && !(round >= 3 && compiled <= QUIET_JIT_SECONDS)) {
            warm = ClosedLoop.run(config.warmupConcurrency(), WARMUP_ROUND,
                    () -> placeCall(index.getAndIncrement(), System.nanoTime()));
            double jitNow = jitSeconds.getAsDouble();
            compiled = jitNow - jitBefore;
            jitBefore = jitNow;
            round++;
            log.info("calls warm-up round {}: {}/s with {} in flight, p50 {} ms, {} errors, JIT compiled {} s",
                    round, Num.round(warm.achievedPerSec()), config.warmupConcurrency(),
                    Num.round(warm.latency().p50Ms()), warm.errorCount(), Num.round(compiled, 1));
        }
        warmup = new CallsReport.Warmup(round * WARMUP_ROUND.toSeconds(), config.warmupConcurrency(),
                warm == null ? null : Num.round(warm.achievedPerSec()), Num.round(compiled, 1));
        Drain.await(() -> ledger.completedCount() == ledger.acceptedCount(), ledger::completedCount,
                Duration.ofSeconds(30), Duration.ofMinutes(2));
    }

    private Mono<Outcome> placeCall(int index, long intendedNanos) {
        GoNumber number = numbers.get(index % numbers.size());
        byte[] body = bodies.get(index % bodies.size());
        ledger.offered();
        return ApiOperation.outcome(http.post(gatewayUrl + "/v1/calls", Map.of("x-api-key", number.apiKey()), body),
                201, response -> ledger.accepted(JSON.readTree(response.body()).path("id").asString()), ledger::failed);
    }

    /** Whether a higher step still tells something: nothing failed, the rate kept up, latency not collapsed. */
    static boolean keepsClimbing(RunResult run) {
        return run.errorCount() == 0 && run.achievedPerSec() >= 0.95 * run.offeredPerSec()
                && run.latency().p99Ms() <= CURVE_P99_LIMIT_FACTOR * BenchConfig.CALL_P99_LIMIT_MS;
    }

    /** Why a step held to the POST's bound was not sustained, or null when it was; {@code latencyOf} names it. */
    static String verdict(RunResult run, String latencyOf) {
        if (run.errorCount() > 0) {
            return run.errorCount() + " errors";
        }
        if (!(run.latency().p99Ms() <= BenchConfig.CALL_P99_LIMIT_MS)) {
            return latencyOf + " p99 " + Num.text(Num.round(run.latency().p99Ms())) + " ms > "
                    + (int) BenchConfig.CALL_P99_LIMIT_MS + " ms";
        }
        if (run.achievedPerSec() < 0.95 * run.offeredPerSec()) {
            return "achieved " + Num.text(Num.round(run.achievedPerSec())) + "/s < 95 % of offered";
        }
        return null;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
