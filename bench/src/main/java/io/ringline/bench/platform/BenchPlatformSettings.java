package io.ringline.bench.platform;

import io.ringline.devstack.DevStackOptions;
import java.util.List;

/**
 * How a benchmarked platform differs from the plain dev stack — in one place, for the launched processes and the
 * smoke test's single JVM alike: the gateway's per-key/per-tenant rate limits off (the benchmark is one very busy
 * tenant on purpose) and loopback exempt from its per-source-address limits (on loopback every client is one
 * source), both through {@code --no-rate-limits}; the sandbox forgetting ended calls after a minute so a long
 * run does not fill its heap; and the sandbox's GO realtime sessions handing out a {@code wsUrl} on the load
 * generator's own GO media endpoint ({@code sandbox.realtime.public-base-url}), so the media scenario holds both
 * ends of every relayed session (the sandbox still answers GO's API: calls, session creation, tokens).
 */
public final class BenchPlatformSettings {

    static final String SANDBOX_RETENTION = "1m";
    static final String GO_MEDIA_URL = "sandbox.realtime.public-base-url";

    private BenchPlatformSettings() {
    }

    /** Arguments for {@code dev-stack --processes}. */
    public static List<String> launcherArgs(String goMediaBaseUrl) {
        return List.of("--no-rate-limits", "--set=provider-sandbox:sandbox.retention=" + SANDBOX_RETENTION,
                "--set=provider-sandbox:" + GO_MEDIA_URL + "=" + goMediaBaseUrl);
    }

    /** The same for an in-JVM dev stack. */
    public static DevStackOptions apply(DevStackOptions options, String goMediaBaseUrl) {
        return options.withoutRateLimits().withProperty("provider-sandbox", "sandbox.retention", SANDBOX_RETENTION)
                .withProperty("provider-sandbox", GO_MEDIA_URL, goMediaBaseUrl);
    }
}
