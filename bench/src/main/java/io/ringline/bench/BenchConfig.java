package io.ringline.bench;

import io.ringline.bench.observe.DbStats;
import java.time.Duration;
import java.util.List;

/**
 * How long and how hard a run drives the platform. {@link #full()} is {@code ./bench.sh}, {@link #quick()} is
 * {@code ./bench.sh --quick} (a few minutes), {@link #smoke()} is the test suite's seconds-long run of every
 * scenario.
 *
 * @param warmup        at most how long the calls scenario first runs closed-loop ({@code warmupConcurrency} calls
 *                      in flight, until the rate stops rising) so that the services' JIT has compiled the hot paths;
 *                      the signals and fan-out scenarios warm up for a sixth of it ({@link #warmupRate})
 * @param callRates     {@code POST /v1/calls} per second, step by step, until a step is not sustained
 * @param actionRates   {@code POST /v1/calls/{id}/terminate} per second on answered calls ({@code actions}), and
 *                      {@code POST /v1/calls/{id}/accept} on ringing inbound calls ({@code accepts}), step by step,
 *                      until a step is not sustained; each step's calls are made ready before it
 * @param signalRates   provider webhooks per second (half offers, half hang-ups), step by step
 * @param fanoutRates   offered webhook deliveries per second (events × 10 endpoints), step by step
 * @param ledgerDrain   how long the ledger waits without progress for the last webhooks before declaring them missing
 * @param mediaSessions concurrent realtime sessions, step by step (each on its own answered EVO_GO call)
 * @param mediaWindow   how long each media step is measured, once its sessions are open
 * @param mediaOpenRate sessions opened per second while ramping (call, answer, session, WebSocket)
 * @param mediaControlSessions sessions streaming from the generator straight to its GO endpoint, without the bridge,
 *                      all along: the control group whose latency is subtracted to estimate what the bridge adds
 */
public record BenchConfig(String mode, Duration warmup, int warmupConcurrency, List<Double> callRates, Duration callStep,
        List<Double> actionRates, Duration actionStep,
        List<Double> signalRates, Duration signalStep, List<Double> fanoutRates, Duration fanoutStep,
        Duration limitDuration, int callTenants, int numbersPerTenant, int users, int signalTenants,
        int signalNumbersPerTenant, int fanoutTenants, Duration stepDrain, Duration ledgerDrain,
        List<Integer> mediaSessions, Duration mediaWindow, double mediaOpenRate, int mediaTenants,
        int mediaNumbersPerTenant, int mediaControlSessions) {

    /** Endpoints per fan-out tenant: in the mixed run one always fails and one is slow (10 % each). */
    public static final int ENDPOINTS_PER_TENANT = 10;
    /** How long a slow endpoint takes to answer. */
    public static final Duration SLOW_ENDPOINT = Duration.ofSeconds(1);
    /** A call step is sustained while POST p99 stays at or under this (and nothing fails). */
    public static final double CALL_P99_LIMIT_MS = 100;
    /** A signals or fan-out step is sustained while the webhooks' p99 stays at or under this. */
    public static final double DELIVERY_P99_LIMIT_MS = 1000;
    /** The rate the latency targets are stated at. */
    public static final double REFERENCE_RATE = 500;
    /** The number of concurrent realtime sessions issue 11's media target is stated at. */
    public static final int MEDIA_REFERENCE_SESSIONS = 500;
    /** How long a simulated user lets a call ring, and talks, in the calls scenario. */
    public static final long ANSWER_AFTER_MS = 200;
    public static final long HANG_UP_AFTER_MS = 300;
    /**
     * Users the actions scenario calls (they answer and stay on the line), and users who call the accepts scenario's
     * numbers; one may be in several calls at once.
     */
    public static final int ACTION_USERS = 500;
    /** How long after its offer a simulated caller hangs up in the signals scenario. */
    public static final Duration SIGNAL_HOLD = Duration.ofMillis(300);

    /**
     * The highest warm-up rate of the signals scenario (signals/s) and of the fan-out scenario (deliveries/s): each warms
     * up at the highest rate of its ladder at or under it. Their first rates (10 signals/s, 50 deliveries/s) were too
     * few to compile the services' hot paths before a partial run's ladder climbed: four signals-only runs stopped at
     * 250/s, the first warmed up at 100/s sustained 493/s (docs/performance.md "Hot path step: a poll's offers decided
     * together").
     */
    public static final double SIGNALS_WARMUP_CEILING = 100;
    public static final double FANOUT_WARMUP_CEILING = 250;

    /** The highest rate of {@code ladder} at or under {@code ceiling}; its first if none is. */
    public static double warmupRate(List<Double> ladder, double ceiling) {
        return ladder.stream().filter(rate -> rate <= ceiling).max(Double::compare).orElse(ladder.getFirst());
    }

    /**
     * How long a scenario waits after its load for PostgreSQL's backends to report their counters (an idle backend
     * reports what it holds at most 10 s later). The smoke run, which has no warm-up and whose figures nobody judges,
     * does not wait: its per-operation database figures then miss up to the last second of each backend's work
     * (busy backends report every second), 44 s of the test suite saved.
     */
    public Duration statsFlushWait() {
        return warmup.isZero() ? Duration.ZERO : Duration.ofMillis(DbStats.FLUSH_WAIT_MILLIS);
    }

    public static BenchConfig full() {
        return new BenchConfig("full", Duration.ofMinutes(5), 16,
                List.of(5.0, 10.0, 15.0, 20.0, 25.0, 35.0, 50.0, 75.0, 100.0, 150.0, 200.0, 300.0, 500.0, 750.0,
                        1000.0, 1500.0, 2000.0), Duration.ofSeconds(20),
                List.of(10.0, 25.0, 50.0, 100.0, 200.0, 300.0, 500.0, 750.0), Duration.ofSeconds(10),
                List.of(10.0, 25.0, 50.0, 75.0, 100.0, 175.0, 250.0, 375.0, 500.0, 750.0, 1000.0, 1500.0),
                Duration.ofSeconds(20),
                List.of(50.0, 100.0, 175.0, 250.0, 375.0, 500.0, 750.0, 1000.0, 1500.0, 2000.0, 3000.0, 4000.0,
                        6000.0), Duration.ofSeconds(20),
                Duration.ofSeconds(15), 20, 10, 2000, 10, 4, 10, Duration.ofSeconds(30), Duration.ofSeconds(60),
                List.of(50, 100, 250, 500, 750, 1000), Duration.ofSeconds(30), 50, 10, 10, 10);
    }

    public static BenchConfig quick() {
        return new BenchConfig("quick", Duration.ofMinutes(2), 16,
                List.of(5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0), Duration.ofSeconds(8),
                List.of(10.0, 50.0, 200.0, 500.0), Duration.ofSeconds(5),
                List.of(10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0), Duration.ofSeconds(8),
                List.of(50.0, 100.0, 250.0, 500.0, 1000.0, 2000.0, 3000.0), Duration.ofSeconds(8),
                Duration.ofSeconds(5), 10, 5, 1000, 4, 4, 5, Duration.ofSeconds(20), Duration.ofSeconds(45),
                List.of(50, 100, 250, 500), Duration.ofSeconds(10), 50, 5, 10, 10);
    }

    public static BenchConfig smoke() {
        return new BenchConfig("smoke", Duration.ZERO, 0,
                List.of(4.0, 8.0), Duration.ofSeconds(3),
                List.of(4.0), Duration.ofSeconds(3),
                List.of(10.0), Duration.ofSeconds(3),
                List.of(40.0), Duration.ofSeconds(3),
                Duration.ofSeconds(2), 2, 2, 20, 1, 2, 2, Duration.ofSeconds(30), Duration.ofSeconds(60),
                List.of(3, 6), Duration.ofSeconds(2), 10, 1, 2, 1);
    }
}
