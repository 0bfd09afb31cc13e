package io.ringline.bench.scenario;

import io.ringline.bench.BenchConfig;
import io.ringline.bench.load.Latencies;
import io.ringline.bench.load.OpenLoop;
import io.ringline.bench.load.Outcome;
import io.ringline.bench.load.RunResult;
import io.ringline.bench.load.Schedule;
import io.ringline.bench.observe.Meters;
import io.ringline.bench.observe.StatementCosts;
import io.ringline.bench.report.Num;
import io.ringline.bench.report.StepReport;
import io.ringline.bench.seed.SeededTenant;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.Direction;
import io.ringline.schemas.avro.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * {@code fanout}: one run of rising steps for a set of tenants. Events are produced to {@code call-events} at
 * {@code rate / 10} per second (ten subscriptions per tenant); a step is sustained when every healthy endpoint got
 * every event, with p99 (intended produce → arrival) ≤ 1 s. Slow endpoints are expected to fall behind — the point is
 * that the healthy ones must not.
 */
public final class FanoutScenario {

    private static final Logger log = LoggerFactory.getLogger(FanoutScenario.class);

    private final BenchConfig config;
    private final KafkaProducer<String, SpecificRecord> producer;
    private final Meters meters;

    public FanoutScenario(BenchConfig config, KafkaProducer<String, SpecificRecord> producer, Meters meters) {
        this.config = config;
        this.producer = producer;
        this.meters = meters;
    }

    /**
     * Result of one run (baseline or mixed).
     *
     * @param statements the SQL statements that spent the most database time in the run, per delivery offered
     */
    public record Run(List<StepReport> steps, FanoutLedger.Tally tally, boolean balanced,
            List<StatementCosts.Cost> statements) {

        Double maxSustained() {
            return steps.stream().filter(StepReport::sustained).map(StepReport::offeredPerSec).reduce((a, b) -> b)
                    .orElse(null);
        }

        StepReport at(Double rate) {
            return rate == null ? null : steps.stream()
                    .filter(s -> s.offeredPerSec() != null && Math.abs(s.offeredPerSec() - rate) < 1)
                    .findFirst().orElse(null);
        }
    }

    /**
     * Sends {@link BenchConfig#warmupRate} for {@code warmup / 6} (as the signals scenario does) before the ramp,
     * unmeasured: a cold platform's first step measured its JIT — 9–10 ms of fan-out CPU per delivery against ~1 once
     * compiled, a healthy p99 of 0.5–1.1 s that ended the baseline's ramp at its first step (docs/performance.md). Its
     * events go through {@code ledger}, so they are delivered and counted like the run's; nothing is when warm-up is
     * off.
     */
    public void warmUp(List<SeededTenant> tenants, FanoutLedger ledger) {
        if (config.warmup().isZero()) {
            return;
        }
        double rate = BenchConfig.warmupRate(config.fanoutRates(), BenchConfig.FANOUT_WARMUP_CEILING);
        Duration length = config.warmup().dividedBy(6);
        log.info("fanout: warming up at {} deliveries/s for {} s", rate, length.toSeconds());
        OpenLoop.run(Schedule.constantRate(rate / BenchConfig.ENDPOINTS_PER_TENANT, length),
                (i, intended) -> publish("evt_bench_warm_" + i, tenants.get(i % tenants.size()), intended,
                        new Latencies(), ledger),
                config.stepDrain(), 50_000);
        Drain.await(() -> ledger.healthyDeliveredCount() >= ledger.healthyExpected(), ledger::healthyDeliveredCount,
                Duration.ofSeconds(10), config.stepDrain());
    }

    public Run run(String label, List<SeededTenant> tenants, FanoutLedger ledger) {
        List<StepReport> steps = new ArrayList<>();
        var statementsBefore = meters.db().statements();
        int stepIndex = 0;
        for (double rate : config.fanoutRates()) {
            double eventsPerSec = rate / BenchConfig.ENDPOINTS_PER_TENANT;
            Latencies healthy = new Latencies();
            String prefix = "evt_bench_" + label + "_" + stepIndex++ + "_";
            var cpuBefore = meters.cpu().snapshot();
            long t0 = System.nanoTime();
            RunResult produce = OpenLoop.run(Schedule.constantRate(eventsPerSec, config.fanoutStep()),
                    (i, intended) -> publish(prefix + i, tenants.get(i % tenants.size()), intended, healthy, ledger),
                    config.stepDrain(), 50_000);
            long expected = ledger.healthyExpected();
            boolean complete = Drain.await(() -> ledger.healthyDeliveredCount() >= expected,
                    ledger::healthyDeliveredCount, Duration.ofSeconds(10), config.stepDrain());
            var cpuAfter = meters.cpu().snapshot();
            double seconds = (System.nanoTime() - t0) / 1e9;
            var latency = healthy.summary();
            String verdict = produce.errorCount() > 0 ? produce.errorCount() + " produce errors"
                    : !complete ? "healthy deliveries still missing " + config.stepDrain().toSeconds()
                            + " s after the step"
                    : !(latency.p99Ms() <= BenchConfig.DELIVERY_P99_LIMIT_MS)
                            ? "healthy p99 " + Num.text(Num.round(latency.p99Ms())) + " ms > "
                                    + (int) BenchConfig.DELIVERY_P99_LIMIT_MS + " ms"
                    : null;
            long deliveries = produce.ok() * ledger.healthyEndpoints();
            StepReport events = StepReport.of(produce, Num.round(latency.p50Ms()), Num.round(latency.p90Ms()),
                    Num.round(latency.p99Ms()), Num.round(latency.maxMs()), verdict == null,
                    verdict == null ? "sustained" : verdict, Meters.perOperation(cpuBefore, cpuAfter, deliveries),
                    Meters.percent(cpuBefore, cpuAfter, seconds));
            // Report deliveries, not events: offered = events × endpoints.
            StepReport step = new StepReport(Num.round(rate, 1),
                    Num.round(latency.count() / Math.max(produce.elapsedSec(), 1e-3), 1),
                    produce.offered() * BenchConfig.ENDPOINTS_PER_TENANT, latency.count(), events.errors(),
                    events.errorsByKind(), events.p50Ms(), events.p90Ms(), events.p99Ms(), events.maxMs(),
                    events.senderLagP99Ms(), events.sustained(), events.verdict(), events.cpuMsPerOp(),
                    events.cpuPct());
            steps.add(step);
            log.info("fanout {} {} deliveries/s: healthy p50 {} ms p99 {} ms → {}", label, rate, step.p50Ms(),
                    step.p99Ms(), step.verdict());
            if (verdict != null) {
                break;
            }
        }
        Drain.await(() -> ledger.healthyDeliveredCount() >= ledger.healthyExpected(),
                ledger::healthyDeliveredCount, config.ledgerDrain(), Duration.ofMinutes(5));
        FanoutLedger.Tally tally = ledger.tally();
        long offered = steps.stream().mapToLong(StepReport::offered).sum();
        return new Run(steps, tally, tally.missing() == 0,
                StatementCosts.top(statementsBefore, meters.db().statements(), offered, StatementCosts.REPORTED));
    }

    private Mono<Outcome> publish(String eventId, SeededTenant tenant, long intendedNanos, Latencies healthy,
            FanoutLedger ledger) {
        ledger.produced(eventId, intendedNanos, healthy);
        String numberId = "num_bench_" + tenant.index();
        CallEvent event = CallEvent.newBuilder()
                .setEventId(eventId)
                .setType(CallEventType.CALL_RINGING)
                .setOccurredAt(Instant.now())
                .setSequence(1)
                .setTenantId(tenant.id())
                .setNumberId(numberId)
                .setProvider(Provider.EVO_GO)
                .setCallId("call_" + eventId.substring(4))
                .setExternalCallId(eventId)
                .setDirection(Direction.OUTBOUND)
                .setStatus(CallStatus.RINGING)
                .setPeerNumber("+5511999990000")
                .build();
        return Mono.create(sink -> producer.send(new ProducerRecord<>(Topics.CALL_EVENTS.name(), numberId, event),
                (metadata, error) -> sink.success(error == null ? Outcome.OK
                        : Outcome.failed(error.getClass().getSimpleName()))));
    }

    /** Combines the baseline and the mixed run into the scenario's report. */
    public static FanoutReport report(Run baseline, Run mixed) {
        Double rate = mixed.maxSustained();
        StepReport at = mixed.at(rate);
        StepReport base = baseline.at(rate);
        FanoutLedger.Tally t = mixed.tally();
        return new FanoutReport(rate, at == null ? null : at.p50Ms(), at == null ? null : at.p99Ms(),
                base == null ? null : base.p99Ms(), baseline.maxSustained(), t.events(), t.healthyExpected(),
                t.healthyDelivered(), t.missing(), t.slowDelivered(), t.failingAttempts(),
                mixed.balanced() && baseline.balanced(), at == null ? java.util.Map.of() : at.cpuMsPerOp(),
                mixed.steps(), baseline.steps(), null, mixed.statements());
    }
}
