package io.ringline.bench.campaign;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a campaign runs: {@link #full()} is {@code ./bench.sh --campaign}, {@link #quick()} is
 * {@code --campaign=quick}, {@link #smoke()} the test suite's seconds-long run with two faults.
 *
 * @param rounds          how many times the fault list is played, each time in a new random order
 * @param faults          the faults of one round (kind, target)
 * @param ratePerSec      calls started per second by the steady load (the {@link CallPlan}s in turn)
 * @param tenants         tenants, each with an EVO_GO and a META number and one subscription to everything
 * @param gapMin          before each fault the load runs alone for a random time between these two
 * @param providerHold    how long a sandbox fault stays on
 * @param brokerDown      how long the broker stays down between its stop and its start
 * @param recoveryWithin  how long a probe call may take to go through again before the fault counts as not recovered
 * @param stuckAfter      a call not terminal this long after its last change is stuck (above signaling's 90 s ring
 *                        timeout, so a call the platform will still end is never called stuck)
 * @param productionStart whether the services start as {@code dev.sh --processes} starts them — with JDK AOT caches and
 *                        the full JIT — so a restart after a kill is as fast as in use. The smoke run starts them
 *                        without either ({@code --no-aot-cache}, C1 only): its single start would spend more time
 *                        recording the caches (about 105 s on two cores, once per build) than they save it, services
 *                        that live two minutes spend more on C2's compilations than C2 gives back, and the smoke run
 *                        judges no recovery time
 */
record CampaignConfig(String mode, int rounds, List<Fault> faults, double ratePerSec, int tenants, Duration gapMin,
        Duration gapMax, Duration providerHold, Duration brokerDown, Duration recoveryWithin, Duration stuckAfter,
        boolean productionStart) {

    /** One fault of a round. */
    record Fault(FaultKind kind, String target) {
    }

    static final String PROVIDERS = "providers (sandbox)";

    static CampaignConfig full() {
        return new CampaignConfig("full", 3, everyFault(), 4, 2, Duration.ofSeconds(5), Duration.ofSeconds(20),
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMinutes(3), Duration.ofSeconds(120), true);
    }

    static CampaignConfig quick() {
        return new CampaignConfig("quick", 1, everyFault(), 3, 2, Duration.ofSeconds(3), Duration.ofSeconds(10),
                Duration.ofSeconds(8), Duration.ofSeconds(5), Duration.ofMinutes(3), Duration.ofSeconds(120), true);
    }

    static CampaignConfig smoke() {
        return new CampaignConfig("smoke", 1, List.of(new Fault(FaultKind.KILL, "webhook-fanout-service"),
                new Fault(FaultKind.PROVIDER_FAILING, PROVIDERS)), 2, 1, Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofMinutes(3), Duration.ofSeconds(120), false);
    }

    /** Every service killed, every service paused past its session timeout, broker, database, three provider faults. */
    private static List<Fault> everyFault() {
        List<Fault> faults = new ArrayList<>();
        CampaignPlatform.SERVICES.forEach(s -> faults.add(new Fault(FaultKind.KILL, s)));
        CampaignPlatform.SERVICES.forEach(s -> faults.add(new Fault(FaultKind.PAUSE, s)));
        faults.add(new Fault(FaultKind.BROKER_RESTART, "kafka"));
        faults.add(new Fault(FaultKind.DATABASE_RESTART, "postgresql"));
        faults.add(new Fault(FaultKind.PROVIDER_SLOW, PROVIDERS));
        faults.add(new Fault(FaultKind.PROVIDER_FAILING, PROVIDERS));
        faults.add(new Fault(FaultKind.WEBHOOKS_DROPPED, PROVIDERS));
        return faults;
    }

    /** The same campaign with only some kinds of fault ({@code --faults=KILL,PAUSE}). */
    CampaignConfig only(java.util.Set<FaultKind> kinds) {
        return new CampaignConfig(mode, rounds, faults.stream().filter(f -> kinds.contains(f.kind())).toList(),
                ratePerSec, tenants, gapMin, gapMax, providerHold, brokerDown, recoveryWithin, stuckAfter, productionStart);
    }

    CampaignConfig withRounds(int rounds) {
        return new CampaignConfig(mode, rounds, faults, ratePerSec, tenants, gapMin, gapMax, providerHold, brokerDown,
                recoveryWithin, stuckAfter, productionStart);
    }
}
