package io.ringline.bench.campaign;

import io.ringline.bench.Conditions;
import io.ringline.bench.receiver.LoopbackWebhookReceivers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault campaign (issue 9): the platform one JVM per service under steady mixed load; each round plays every
 * fault of the {@link CampaignConfig} once, in a random order and at random moments, waits for the platform to serve
 * a whole call again after each ({@link Probe}); then pauses the load, lets the platform drain and has the
 * {@link Auditor} compare what was offered with what exists. Results: {@code results.json} and {@code report.md}.
 */
final class Campaign {

    private static final Logger log = LoggerFactory.getLogger(Campaign.class);

    private Campaign() {
    }

    /** Starts the platform, runs the campaign, stops everything; the result says whether the books balanced. */
    public static CampaignResult run(CampaignConfig config, Path home, Path out, String operatorToken, long seed) {
        Instant started = Instant.now();
        String commit = Conditions.gitCommit(); // what was built, before anyone commits during the run
        try (LoopbackWebhookReceivers receiverServer = LoopbackWebhookReceivers.start();
             CampaignPlatform platform = CampaignPlatform.start(home, out, operatorToken, config.productionStart())) {
            log.info("campaign {}: platform up; seed {}", config.mode(), seed);
            // Read now: a fault may kill the gateway, and its successor's command line is the same anyway.
            List<String> serviceJvmOptions = platform.target().serviceJvmOptions();
            CampaignReceiver receiver = new CampaignReceiver();
            receiverServer.route(CampaignReceiver.SEGMENT, receiver);
            String runId = String.format("%04d", Math.floorMod(seed, 10_000));
            CampaignFleet fleet = CampaignFleet.seed(new io.ringline.bench.seed.ApiClient(), platform.target(),
                    receiverServer.url(), runId, config.tenants());
            Probe probe = new Probe(platform.target(), fleet.tenants().getFirst().go(), "+55219" + runId + "9900",
                    receiver);
            probe.seed();
            Evidence evidence = new Evidence(platform.target(), fleet, receiver);
            Injector injector = new Injector(platform, config.providerHold(), config.brokerDown());
            Random random = new Random(seed);
            List<FaultRecord> faults = new ArrayList<>();
            List<AuditReport> audits = new ArrayList<>();
            try (MixedLoad load = new MixedLoad(platform.target(), fleet, receiver, runId, config.ratePerSec())) {
                load.seedUsers();
                if (probe.awaitRecovery(config.recoveryWithin()) == null) {
                    throw new IllegalStateException("the platform did not complete a first call");
                }
                load.start();
                for (int round = 1; round <= config.rounds(); round++) {
                    List<CampaignConfig.Fault> order = new ArrayList<>(config.faults());
                    Collections.shuffle(order, random);
                    for (CampaignConfig.Fault fault : order) {
                        long gap = config.gapMin().toMillis() + (long) (random.nextDouble()
                                * (config.gapMax().toMillis() - config.gapMin().toMillis()));
                        CampaignPlatform.pause(gap);
                        log.info("round {}: {} of {} (after {} ms of load)", round, fault.kind(), fault.target(), gap);
                        Injector.Injected injected;
                        try {
                            injected = injector.inject(fault.kind(), fault.target());
                        } catch (RuntimeException e) {
                            // a campaign that could not do what it says fails, and says why
                            log.error("round {}: could not inject {} of {}", round, fault.kind(), fault.target(), e);
                            faults.add(new FaultRecord(round, fault.kind(), fault.target(), Instant.now(),
                                    Instant.now(), null, "INJECTION FAILED: " + e.getMessage()));
                            continue;
                        }
                        Instant recovered = probe.awaitRecovery(config.recoveryWithin());
                        if (recovered != null && fault.kind() == FaultKind.KILL) {
                            // the probe's path does not cross every service (the media bridge): the killed one must
                            // also be back, a new process answering its readiness probe
                            recovered = serviceBack(platform, fault.target(), injected.pid(), injected.injectedAt(),
                                    config.recoveryWithin(), recovered);
                        }
                        FaultRecord record = new FaultRecord(round, fault.kind(), fault.target(), injected.injectedAt(),
                                injected.liftedAt(), recovered, injected.detail());
                        faults.add(record);
                        log.info("round {}: {} of {} {} ({})", round, fault.kind(), fault.target(),
                                recovered == null ? "NOT RECOVERED within " + config.recoveryWithin()
                                        : "recovered " + record.recoveryMs() + " ms after it was lifted",
                                injected.detail());
                    }
                    load.pause();
                    drain(load, evidence, config.stuckAfter());
                    AuditReport audit = Auditor.audit(evidence.gather(load.acceptedCallIds(), config.stuckAfter()));
                    if (audit.stuckBy().containsKey("call")) {
                        audit = audit.withProviderEvidence(evidence.providerSideOfStuckCalls(config.stuckAfter(),
                                Auditor.EVIDENCE_PER_KIND));
                    }
                    if (audit.stuckBy().containsKey("signal")) {
                        audit = audit.withProviderEvidence(evidence.providerSideOfParkedSignals(
                                2 * Auditor.EVIDENCE_PER_KIND));
                    }
                    audits.add(audit);
                    log.info("round {} audit: {}", round, audit.headline());
                    audit.findings().forEach(f -> log.warn("  {}", f));
                    if (round < config.rounds()) {
                        load.resume();
                    }
                }
                CampaignResult result = new CampaignResult(config, seed, commit, started, Instant.now(), platform.target(),
                        serviceJvmOptions, faults, audits, load.tally(), load.failures(), load.sessions(), receiver.count());
                CampaignReport.write(result, out);
                return result;
            }
        }
    }

    /**
     * The first moment, from {@code probed} on, the launcher lists the killed service ready under a new pid (null: not
     * within the deadline) — an upper bound when it was back before the probe finished.
     */
    private static Instant serviceBack(CampaignPlatform platform, String service, long killedPid, Instant killedAt,
            Duration within, Instant probed) {
        Instant deadline = killedAt.plus(within);
        while (Instant.now().isBefore(deadline)) {
            CampaignPlatform.ProcessState state = platform.state(service);
            if (state.ready() && state.pid() != killedPid) {
                Instant now = Instant.now();
                return now.isAfter(probed) ? now : probed;
            }
            CampaignPlatform.pause(200);
        }
        return null;
    }

    /**
     * Waits (load paused) until no load task is in flight, then until nothing is in progress: no call of the
     * campaign's tenants short of terminal, outboxes empty, no consumer lag, no pending delivery, no parked signal
     * signaling's reconciliation has still to look at (a terminate whose offer was lost settles its call only after
     * {@code parked-signal-age}) — or until {@code stuckAfter} has passed, so that whatever is left is old enough to
     * be called stuck.
     */
    private static void drain(MixedLoad load, Evidence evidence, Duration stuckAfter) {
        Instant paused = Instant.now();
        long deadline = System.nanoTime() + MixedLoad.ACTION_PATIENCE.plusSeconds(30).toNanos();
        while (load.inFlight() > 0 && System.nanoTime() < deadline) {
            CampaignPlatform.pause(500);
        }
        Instant until = paused.plus(stuckAfter).plusSeconds(5);
        LongSupplier left = () -> {
            long calls = evidence.callsInProgress();
            long backlog = evidence.backlog();
            long parked = evidence.parkedSignalsToCheck();
            return calls < 0 || backlog < 0 || parked < 0 ? Long.MAX_VALUE : calls + backlog + parked;
        };
        long remaining = left.getAsLong();
        while (remaining != 0 && Instant.now().isBefore(until)) {
            CampaignPlatform.pause(1000);
            remaining = left.getAsLong();
        }
        log.info("drained in {} ms ({} calls in progress or backlog left)",
                Duration.between(paused, Instant.now()).toMillis(), remaining);
    }
}
