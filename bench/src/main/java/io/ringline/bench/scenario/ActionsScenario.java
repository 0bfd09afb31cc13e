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
import reactor.core.publisher.Mono;

/**
 * {@code actions} and {@code accepts}: one {@link ActionKind} aimed at existing EVO_GO calls at a constant rate, step
 * after rising step — {@code POST /v1/calls/{id}/terminate} on answered outbound calls, {@code POST
 * /v1/calls/{id}/accept} on ringing inbound ones. It is the path every action on an existing call takes (the gateway's
 * command, the call service's one load and one commit around the provider's call, the reply), which the calls
 * scenario never exercises: its simulated users answer and hang up themselves. Before each step, and off its clock,
 * the {@link CallSupply} makes the calls the step will act on and hands them over once ready; then the step sends
 * the action at its rate, each timed from its intended start. A step is sustained when nothing failed, p99 ≤ 100 ms
 * (the POST's bound; issue 8 sets none for actions) and the achieved rate kept up; the first that is not ends the
 * ramp. Each call an action succeeded on must bring the kind's done webhook ({@link ActionLedger}); before the next
 * step is prepared, the calls of this one have ended (accepted calls are hung up by their users a while later).
 */
public final class ActionsScenario {

    private static final Logger log = LoggerFactory.getLogger(ActionsScenario.class);
    private static final byte[] NO_BODY = "{}".getBytes();

    /** What a step measured besides its latencies: per action, over the step's window only. */
    private record Window(Map<String, Double> kafkaPerAction, List<StatementCosts.Cost> statements) {
    }

    private final BenchConfig config;
    private final String gatewayUrl;
    private final Http http;
    private final Meters meters;
    private final ActionLedger ledger;
    private final CallSupply supply;
    private final Duration callsEndWithin;

    private ActionsScenario(BenchConfig config, String gatewayUrl, Http http, Meters meters, ActionLedger ledger,
            CallSupply supply, Duration callsEndWithin) {
        this.config = config;
        this.gatewayUrl = gatewayUrl;
        this.http = http;
        this.meters = meters;
        this.ledger = ledger;
        this.supply = supply;
        this.callsEndWithin = callsEndWithin;
    }

    /** Terminates on calls placed to {@code users}, who answer and stay on the line. */
    public static ActionsScenario terminates(BenchConfig config, String gatewayUrl, Http http, Meters meters,
            ActionLedger ledger, List<GoNumber> numbers, List<String> users) {
        return new ActionsScenario(config, gatewayUrl, http, meters, ledger,
                new AnsweredCalls(gatewayUrl, http, ledger, numbers, users), Duration.ZERO);
    }

    /**
     * Accepts on calls {@code users} make to {@code numbers} through the sandbox; the users hang up {@code
     * hangUpAfter} after the accept.
     */
    public static ActionsScenario accepts(BenchConfig config, String gatewayUrl, String sandboxUrl, Http http,
            Meters meters, ActionLedger ledger, List<GoNumber> numbers, List<String> users, Duration hangUpAfter) {
        return new ActionsScenario(config, gatewayUrl, http, meters, ledger,
                new RingingCalls(sandboxUrl, http, ledger, numbers, users), hangUpAfter);
    }

    public ActionsReport run() {
        String verb = ledger.kind().verb();
        List<StepReport> steps = new ArrayList<>();
        List<Window> windows = new ArrayList<>();
        for (double rate : config.actionRates()) {
            Schedule schedule = Schedule.constantRate(rate, config.actionStep());
            List<PreparedCall> calls = supply.prepare(schedule.size());
            if (calls.size() < schedule.size()) {
                log.warn("{} {}/s: only {} of {} calls could be prepared; the ramp ends", verb, rate, calls.size(),
                        schedule.size());
                break;
            }
            var cpuBefore = meters.cpu().snapshot();
            var statementsBefore = meters.db().statements();
            var kafkaBefore = meters.kafka().snapshot();
            long t0 = System.nanoTime();
            RunResult run = OpenLoop.run(schedule, (index, intended) -> act(calls.get(index)),
                    config.stepDrain(), 50_000);
            var cpuAfter = meters.cpu().snapshot();
            double seconds = (System.nanoTime() - t0) / 1e9;
            // The step's own work ends with its calls' done webhooks; the next step's preparation waits for it.
            long succeeded = run.ok();
            Drain.await(() -> ledger.doneCount() >= ledger.succeededCount(), ledger::doneCount,
                    Duration.ofSeconds(10), Duration.ofMinutes(2));
            windows.add(new Window(Meters.per(DbStats.delta(kafkaBefore, meters.kafka().snapshot()), succeeded),
                    StatementCosts.top(statementsBefore, meters.db().statements(), succeeded,
                            StatementCosts.REPORTED)));
            // Off the clock: the next step starts on a platform that is not still ending this one's calls.
            Drain.await(() -> ledger.finishedCount() >= ledger.succeededCount(), ledger::finishedCount,
                    Duration.ofSeconds(10).plus(callsEndWithin), Duration.ofMinutes(2).plus(callsEndWithin));
            String verdict = CallsScenario.verdict(run, verb);
            StepReport step = StepReport.of(run, verdict == null, verdict == null ? "sustained" : verdict,
                    Meters.perOperation(cpuBefore, cpuAfter, succeeded), Meters.percent(cpuBefore, cpuAfter, seconds));
            steps.add(step);
            log.info("{} {}/s: achieved {}/s, p50 {} ms p99 {} ms, {} errors → {}", verb, rate,
                    step.achievedPerSec(), step.p50Ms(), step.p99Ms(), step.errors(), step.verdict());
            if (!step.sustained()) {
                break;
            }
        }
        boolean drained = Drain.await(() -> ledger.doneCount() >= ledger.succeededCount(), ledger::doneCount,
                config.ledgerDrain(), Duration.ofMinutes(5));
        log.info("{}: ledger {} ({} of {} calls acted on said so by {})", verb, drained ? "complete" : "INCOMPLETE",
                ledger.doneCount(), ledger.succeededCount(), ledger.kind().doneEvent());
        return report(ledger.kind(), steps, windows, ledger.tally());
    }

    private Mono<Outcome> act(PreparedCall call) {
        ledger.offered();
        return ApiOperation.outcome(http.post(gatewayUrl + "/v1/calls/" + call.id() + "/" + ledger.kind().verb(),
                Map.of("x-api-key", call.apiKey()), NO_BODY), 200, response -> ledger.succeeded(call.id()),
                ledger::failed);
    }

    private static ActionsReport report(ActionKind kind, List<StepReport> steps, List<Window> windows,
            ActionLedger.Tally tally) {
        ReferenceStep reference = ReferenceStep.of(steps);
        Window window = reference.index() < 0 ? new Window(Map.of(), List.of()) : windows.get(reference.index());
        return new ActionsReport(kind.verb(), ReferenceStep.highestSustained(steps), reference.point(),
                tally.placed(), tally.placeFailed(), tally.offered(), tally.succeeded(), tally.failed(),
                tally.missing(), tally.endedEarly(), tally.duplicates(), tally.balanced(),
                reference.index() < 0 ? Map.of() : steps.get(reference.index()).cpuMsPerOp(), window.kafkaPerAction(),
                window.statements(), steps);
    }
}
