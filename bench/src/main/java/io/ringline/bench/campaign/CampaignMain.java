package io.ringline.bench.campaign;

import io.ringline.devstack.DevProfile;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code ./bench.sh --campaign[=quick|smoke] [--rounds=<n>] [--faults=KILL,PAUSE,…] [--seed=<n>]}: the fault
 * campaign; writes {@code bench/results/campaign-<timestamp>/{results.json,report.md}} and exits 0 when it passed, 2
 * when the auditor found something lost, duplicated with a new id or stuck (or a fault did not recover).
 */
public final class CampaignMain {

    private CampaignMain() {
    }

    public static void main(String[] args) {
        CampaignConfig config = CampaignConfig.full();
        Path home = Path.of("").toAbsolutePath();
        long seed = System.nanoTime();
        for (String arg : args) {
            if (arg.equals("--campaign")) {
                config = CampaignConfig.full();
            } else if (arg.startsWith("--campaign=")) {
                config = switch (arg.substring("--campaign=".length())) {
                    case "quick" -> CampaignConfig.quick();
                    case "smoke" -> CampaignConfig.smoke();
                    case "full" -> CampaignConfig.full();
                    default -> usage("--campaign takes quick, smoke or full");
                };
            } else if (arg.startsWith("--rounds=")) {
                config = config.withRounds(Integer.parseInt(arg.substring("--rounds=".length())));
            } else if (arg.startsWith("--faults=")) {
                config = config.only(Arrays.stream(arg.substring("--faults=".length()).split(","))
                        .map(FaultKind::valueOf).collect(Collectors.toSet()));
            } else if (arg.startsWith("--seed=")) {
                seed = Long.parseLong(arg.substring("--seed=".length()));
            } else if (arg.startsWith("--home=")) {
                home = Path.of(arg.substring("--home=".length())).toAbsolutePath();
            } else {
                usage("unknown option " + arg);
            }
        }
        if (config.faults().isEmpty()) {
            usage("no fault left to inject; kinds: " + Set.of(FaultKind.values()));
        }
        String operatorToken = System.getenv().getOrDefault("RINGLINE_OPERATOR_TOKEN", DevProfile.OPERATOR_TOKEN);
        Path out = home.resolve("bench").resolve("results").resolve("campaign-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        CampaignResult result = Campaign.run(config, home, out, operatorToken, seed);
        System.out.println("\n" + CampaignReport.summary(result) + "  report  " + out.resolve("report.md")
                + "\n  results " + out.resolve("results.json"));
        System.exit(result.passed() ? 0 : 2);
    }

    private static CampaignConfig usage(String problem) {
        System.err.println(problem + "\nusage: bench.sh --campaign[=quick|smoke|full] [--rounds=<n>]"
                + " [--faults=" + Arrays.stream(FaultKind.values()).map(Enum::name).collect(Collectors.joining(","))
                + "] [--seed=<n>]");
        System.exit(64);
        return null;
    }
}
