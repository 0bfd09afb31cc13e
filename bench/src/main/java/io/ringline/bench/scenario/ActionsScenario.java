package io.ringline.bench.scenario;

import io.ringline.bench.BenchConfig;
import io.ringline.bench.load.Http;
import io.ringline.bench.load.OpenLoop;
import io.ringline.bench.load.Outcome;
import io.ringline.bench.load.RunResult;
import io.ringline.bench.load.Schedule;
import io.ringline.bench.observe.DbStats;
import io.ringline.bench.observe.Meters;
import io.ringline.bench.observe.StatementCosts;
import io.ringline.bench.report.StepReport;
import io.ringline.bench.seed.GoNumber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code actions}: {@code POST /v1/calls/{id}/terminate} on answered EVO_GO calls at a constant rate, step after
 * rising step — the path every action on an existing call takes (the gateway's command, the call service's one load
 * and one commit around the provider's call, the reply), which the calls scenario never exercises: its simulated
 * users hang up themselves. Before each step, and off its clock, the calls it will end are placed (closed loop) to
 * simulated users who answer and stay on the line, until every one is connected; then the step terminates them at
 * its rate, each terminate timed from its intended start. A step is sustained when nothing failed, terminate p99 ≤
 * 100 ms (the POST's bound; issue 8 sets none for actions) and the achieved rate kept up; the first that is not ends
 * the ramp. Each terminated call must bring its {@code call.ended} ({@link ActionLedger}).
 */
public final class ActionsScenario {

    private static final Logger log = LoggerFactory.getLogger(ActionsScenario.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] NO_BODY = "{}".getBytes();
    /** Placements in flight while a step's calls are prepared. */
    private static final int PREPARE_IN_FLIGHT = 32;

    private record Prepared(String id, String apiKey) {
    }

    /** What a step measured besides its latencies: per terminate, over the step's window only. */
    private record Window(Map<String, Double> kafkaPerAction, List<StatementCosts.Cost> statements) {
    }

    private final BenchConfig config;
    private final String gatewayUrl;
    private final Http http;
    private final Meters meters;
    private final ActionLedger ledger;
    private final List<GoNumber> numbers;
    private final List<byte[]> bodies;
    private int nextCall;

    public ActionsScenario(BenchConfig config, String gatewayUrl, Http http, Meters meters, ActionLedger ledger,
            List<GoNumber> numbers, List<String> users) {
        this.config = config;
        this.gatewayUrl = gatewayUrl;
        this.http = http;
        this.meters = meters;
        this.ledger = ledger;
        this.numbers = numbers;
        this.bodies = users.stream().map(to -> JSON.writeValueAsBytes(Map.of("to", to))).toList();
    }

    public ActionsReport run() {
        List<StepReport> steps = new ArrayList<>();
        List<Window> windows = new ArrayList<>();
        for (double rate : config.actionRates()) {
            Schedule schedule = Schedule.constantRate(rate, config.actionStep());
            List<Prepared> calls = prepare(schedule.size());
            if (calls.size() < schedule.size()) {
                log.warn("actions {}/s: only {} of {} calls could be prepared; the ramp ends", rate, calls.size(),
                        schedule.size());
                break;
            }
            var cpuBefore = meters.cpu().snapshot();
            var statementsBefore = meters.db().statements();
            var kafkaBefore = meters.kafka().snapshot();
            long t0 = System.nanoTime();
            RunResult run = OpenLoop.run(schedule, (index, intended) -> terminate(calls.get(index)),
                    config.stepDrain(), 50_000);
            var cpuAfter = meters.cpu().snapshot();
            double seconds = (System.nanoTime() - t0) / 1e9;
            // The step's own work ends with its calls' call.ended webhooks; the next step's preparation waits for it.
            long terminated = run.ok();
            Drain.await(() -> ledger.endedCount() >= ledger.terminatedCount(), ledger::endedCount,
                    Duration.ofSeconds(10), Duration.ofMinutes(2));
            windows.add(new Window(Meters.per(DbStats.delta(kafkaBefore, meters.kafka().snapshot()), terminated),
                    StatementCosts.top(statementsBefore, meters.db().statements(), terminated,
                            StatementCosts.REPORTED)));
            String verdict = CallsScenario.verdict(run, "terminate");
            StepReport step = StepReport.of(run, verdict == null, verdict == null ? "sustained" : verdict,
                    Meters.perOperation(cpuBefore, cpuAfter, terminated), Meters.percent(cpuBefore, cpuAfter, seconds));
            steps.add(step);
            log.info("actions {}/s: achieved {}/s, terminate p50 {} ms p99 {} ms, {} errors → {}", rate,
                    step.achievedPerSec(), step.p50Ms(), step.p99Ms(), step.errors(), step.verdict());
            if (!step.sustained()) {
                break;
            }
        }
        boolean drained = Drain.await(() -> ledger.endedCount() >= ledger.terminatedCount(), ledger::endedCount,
                config.ledgerDrain(), Duration.ofMinutes(5));
        log.info("actions: ledger {} ({} of {} terminated calls ended)", drained ? "complete" : "INCOMPLETE",
                ledger.endedCount(), ledger.terminatedCount());
        return report(steps, windows, ledger.tally());
    }

    /** {@code count} calls placed and connected, or fewer when some could not be: the caller ends the ramp then. */
    private List<Prepared> prepare(int count) {
        List<Prepared> placed = Flux.range(nextCall, count)
                .flatMap(this::place, PREPARE_IN_FLIGHT)
                .collectList()
                .block(Duration.ofMinutes(10));
        nextCall += count;
        List<Prepared> ok = placed == null ? List.of() : placed;
        Drain.await(() -> ok.stream().allMatch(c -> ledger.connected(c.id())), ledger::connectedCount,
                Duration.ofSeconds(30), Duration.ofMinutes(5));
        return ok.stream().filter(c -> ledger.connected(c.id())).toList();
    }

    private Mono<Prepared> place(int index) {
        GoNumber number = numbers.get(index % numbers.size());
        byte[] body = bodies.get(index % bodies.size());
        return http.post(gatewayUrl + "/v1/calls", Map.of("x-api-key", number.apiKey()), body)
                .map(response -> {
                    if (response.status() == 201) {
                        String id = JSON.readTree(response.body()).path("id").asString();
                        ledger.placed(id);
                        return new Prepared(id, number.apiKey());
                    }
                    log.warn("actions: a call could not be prepared: HTTP {} {}", response.status(),
                            new String(response.body()));
                    ledger.placeFailed();
                    return new Prepared(null, null);
                })
                .onErrorResume(e -> {
                    ledger.placeFailed();
                    return Mono.just(new Prepared(null, null));
                })
                .filter(p -> p.id() != null);
    }

    private Mono<Outcome> terminate(Prepared call) {
        ledger.offered();
        return ApiOperation.outcome(http.post(gatewayUrl + "/v1/calls/" + call.id() + "/terminate",
                Map.of("x-api-key", call.apiKey()), NO_BODY), 200, response -> ledger.terminated(call.id()),
                ledger::failed);
    }

    private static ActionsReport report(List<StepReport> steps, List<Window> windows, ActionLedger.Tally tally) {
        ReferenceStep reference = ReferenceStep.of(steps);
        Window window = reference.index() < 0 ? new Window(Map.of(), List.of()) : windows.get(reference.index());
        return new ActionsReport(ReferenceStep.highestSustained(steps), reference.point(), tally.placed(),
                tally.placeFailed(), tally.offered(), tally.terminated(), tally.failed(), tally.missing(),
                tally.endedEarly(), tally.duplicates(), tally.balanced(),
                reference.index() < 0 ? Map.of() : steps.get(reference.index()).cpuMsPerOp(), window.kafkaPerAction(),
                window.statements(), steps);
    }
}
