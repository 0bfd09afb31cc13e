package io.ringline.bench.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Injects one fault and lifts it again (a kill is lifted by the supervisor that restarts the service). */
final class Injector {

    /** When the fault was injected and lifted, and what was done ({@code pid}: the process hit, -1 for none). */
    record Injected(Instant injectedAt, Instant liftedAt, String detail, long pid) {

        Injected(Instant injectedAt, Instant liftedAt, String detail) {
            this(injectedAt, liftedAt, detail, -1);
        }
    }

    private final CampaignPlatform platform;
    private final Api api = new Api(Duration.ofSeconds(10));
    private final Duration providerFaultHold;
    private final Duration brokerDown;

    Injector(CampaignPlatform platform, Duration providerFaultHold, Duration brokerDown) {
        this.platform = platform;
        this.providerFaultHold = providerFaultHold;
        this.brokerDown = brokerDown;
    }

    Injected inject(FaultKind kind, String target) {
        Instant injected = Instant.now();
        return switch (kind) {
            case KILL -> {
                long pid = platform.kill(target);
                yield new Injected(injected, injected, "SIGKILL pid " + pid, pid);
            }
            case PAUSE -> {
                long pid = platform.state(target).pid();
                platform.signal(pid, "STOP");
                Duration held = CampaignPlatform.SESSION_TIMEOUT.plusSeconds(5);
                CampaignPlatform.pause(held.toMillis());
                platform.signal(pid, "CONT");
                yield new Injected(injected, Instant.now(), "SIGSTOP pid " + pid + " for " + held.toSeconds()
                        + " s (consumer session timeout " + CampaignPlatform.SESSION_TIMEOUT.toSeconds() + " s)");
            }
            case BROKER_RESTART -> {
                long pid = platform.broker().pid();
                platform.broker().stop(Duration.ofSeconds(60));
                Instant stopped = Instant.now();
                CampaignPlatform.pause(brokerDown.toMillis());
                platform.broker().startAndAwait(Duration.ofMinutes(2));
                yield new Injected(injected, Instant.now(), "SIGTERM pid " + pid + ", stopped in "
                        + Duration.between(injected, stopped).toMillis() + " ms, down " + brokerDown.toSeconds()
                        + " s, same log; now pid " + platform.broker().pid());
            }
            case DATABASE_RESTART -> {
                platform.restartPostgres();
                yield new Injected(injected, Instant.now(), "pg_ctl restart -m fast");
            }
            case PROVIDER_SLOW -> sandboxFault(injected, Map.of("latencyMs", 3000));
            case PROVIDER_FAILING -> sandboxFault(injected, Map.of("errorCode", 500));
            case WEBHOOKS_DROPPED -> sandboxFault(injected, Map.of("dropWebhooksPercent", 20));
        };
    }

    /** A global sandbox fault switch, held, then every switch cleared. */
    private Injected sandboxFault(Instant injected, Map<String, Object> switches) {
        String url = platform.target().sandboxUrl() + "/sandbox/faults";
        Api.Response set = api.send("PUT", url, Map.of(), switches);
        if (!set.ok()) {
            throw new IllegalStateException("the sandbox refused " + switches + ": " + set.status() + " " + set.body());
        }
        CampaignPlatform.pause(providerFaultHold.toMillis());
        Api.Response cleared = api.send("DELETE", url, Map.of(), null);
        if (!cleared.ok()) {
            throw new IllegalStateException("cannot clear the sandbox faults: " + cleared.status());
        }
        return new Injected(injected, Instant.now(), switches + " for " + providerFaultHold.toSeconds() + " s");
    }
}
