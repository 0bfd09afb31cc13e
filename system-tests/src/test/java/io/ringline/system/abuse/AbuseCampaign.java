package io.ringline.system.abuse;

import static org.awaitility.Awaitility.await;

import io.ringline.infra.EmbeddedInfra;
import io.ringline.platform.crypto.Hashing;
import io.ringline.system.abuse.catalog.Route;
import io.ringline.system.abuse.catalog.RouteCatalog;
import io.ringline.system.abuse.gen.Generator;
import io.ringline.system.abuse.logs.PlatformLog;
import io.ringline.system.abuse.logs.SecretScan;
import io.ringline.system.abuse.oracle.DocumentedErrors;
import io.ringline.system.abuse.oracle.Oracle;
import io.ringline.system.abuse.run.CampaignRunner;
import io.ringline.system.abuse.run.RequestLog;
import io.ringline.system.abuse.run.Tally;
import io.ringline.system.abuse.state.Snapshot;
import io.ringline.system.abuse.state.StateDiff;
import io.ringline.system.abuse.state.StateSnapshotter;
import io.ringline.system.abuse.world.Fixtures;
import io.ringline.system.abuse.world.SecretRegistry;
import io.ringline.system.abuse.world.Tenant;
import io.ringline.system.abuse.world.World;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The abuse campaign (issue 7, item 11): starts the platform as {@code ./dev.sh} does, sets up two tenants,
 * snapshots every table, sends the hostile requests built from the served OpenAPI document, runs the
 * rate-limit slice, snapshots again, searches every log line for every secret, and reports.
 */
final class AbuseCampaign {

    static final Path OUTPUT = Path.of("target", "abuse-campaign");
    private static final Duration SETTLE = Duration.ofSeconds(90);

    private AbuseCampaign() {
    }

    static CampaignResult run(CampaignSettings settings) throws Exception {
        PlatformLog logs = PlatformLog.startEmpty();
        SecretRegistry secrets = new SecretRegistry();
        String operatorToken = Hashing.newSecret("op_");
        String internalToken = Hashing.newSecret("int_");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try (AbusePlatform platform = AbusePlatform.start(operatorToken, internalToken,
                Base64.getEncoder().encodeToString(key))) {
            platform.registerConfiguredSecrets(secrets);
            secrets.add("operator token", operatorToken);
            secrets.add("internal token", internalToken);
            secrets.add("crypto key", Base64.getEncoder().encodeToString(key));
            return attack(settings, platform, secrets, logs, operatorToken);
        }
    }

    private static CampaignResult attack(CampaignSettings settings, AbusePlatform platform, SecretRegistry secrets,
            PlatformLog logs, String operatorToken) throws Exception {
        String gateway = platform.service("api-gateway").url();
        String sandbox = platform.stack().demo().sandboxUrl();
        Fixtures fixtures = new Fixtures(gateway, sandbox, operatorToken, secrets);
        Tenant a = fixtures.tenant("A", 0);
        Tenant b = fixtures.tenant("B", 1);
        World world = new World("127.0.0.1", platform.service("api-gateway").port(),
                platform.service("media-bridge-service").port(), sandbox, operatorToken, a, b, secrets);

        List<Route> routes = RouteCatalog.from(JsonMapper.builder().build().readTree(fetch(gateway + "/openapi.json")));
        DocumentedErrors documented = DocumentedErrors.from(DocumentedErrors.locateApiDoc());
        Oracle oracle = new Oracle(documented, secrets);
        EmbeddedInfra infra = platform.stack().platform().infra();
        StateSnapshotter db = new StateSnapshotter(infra.jdbcUrl(), EmbeddedInfra.DB_USER, EmbeddedInfra.DB_PASSWORD);

        Snapshot before = settled(db);
        long started = System.nanoTime();
        Tally tally = new Tally(secrets);
        try (RequestLog requestLog = new RequestLog(OUTPUT.resolve("requests.log"))) {
            new CampaignRunner(new Generator(world, routes, settings.seed()), oracle, world.host(), world.gatewayPort(),
                    world.mediaPort(), OUTPUT.resolve("stall-threads.txt")).run(settings.requests(), settings.concurrency(), tally, requestLog);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        RateLimitSlice.Result slice = RateLimitSlice.run(platform, world, routes, oracle, tally,
                settings.sliceRequests(), Math.min(8, settings.concurrency()));
        Snapshot after = settled(db);
        StateDiff diff = StateDiff.between(before, after, db);

        List<SecretScan.Finding> leaks = SecretScan.scan(logs.file(), secrets);
        String report = CampaignReport.render(settings, tally, wall, slice, diff, after.tables().size(), leaks,
                secrets.size(), logs.lines());
        Files.createDirectories(OUTPUT);
        Files.writeString(OUTPUT.resolve("report.txt"), report);
        System.out.println(report);
        return new CampaignResult(settings, tally, wall, slice, diff, after.tables().size(), leaks, secrets.size(),
                logs.lines(), report);
    }

    /** A snapshot once nothing changes any more: two consecutive reads a second apart agree. */
    private static Snapshot settled(StateSnapshotter db) {
        AtomicReference<Snapshot> previous = new AtomicReference<>(db.take());
        await("the platform's database to settle").atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Snapshot now = db.take();
            boolean same = StateDiff.sameTables(previous.get(), now);
            previous.set(now);
            return same;
        });
        return previous.get();
    }

    private static byte[] fetch(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }
}
