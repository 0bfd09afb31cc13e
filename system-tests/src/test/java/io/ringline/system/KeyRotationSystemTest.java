package io.ringline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import io.ringline.devstack.DemoTenant;
import io.ringline.devstack.DevStack;
import io.ringline.devstack.DevStackOptions;
import io.ringline.devstack.Platform;
import io.ringline.fanout.FanoutApplication;
import io.ringline.gateway.GatewayApplication;
import io.ringline.media.MediaBridgeApplication;
import io.ringline.platform.crypto.KeyRing;
import io.ringline.platform.crypto.SecretBox;
import io.ringline.platform.crypto.reencrypt.ReencryptCommand;
import io.ringline.platform.crypto.reencrypt.SealedColumn;
import io.ringline.signaling.SignalingApplication;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Rotating the crypto key on the assembled platform, against the real (embedded) PostgreSQL: everything is
 * written under key k1 — provider credentials (gateway and the signaling replica), a webhook secret and the
 * previous one after a rotation, stored idempotent responses, a media session's sealed upstream grant; the
 * services restart with the ring k2+k1; the re-encryption command of each service runs while they serve;
 * every envelope then carries k2 and opens with k2 alone; the services restart with k2 only and still work:
 * a stored idempotent response replays, calls are placed and signed webhooks delivered, Meta's signed
 * webhooks are verified.
 */
class KeyRotationSystemTest {

    private static final String K1 = newKey();
    private static final String K2 = newKey();
    private static final List<String> SERVICES =
            List.of("api-gateway", "call-signaling-service", "media-bridge-service", "webhook-fanout-service");

    @Test
    void everySealedValueMovesToTheNewKeyAndTheOldKeyCanBeDropped() throws Exception {
        DevStackOptions options = DevStackOptions.ephemeral();
        for (String service : SERVICES) {
            options = options.withProperty(service, "ringline.crypto.keys", "k1:" + K1)
                    .withProperty(service, "ringline.crypto.key", "");
        }
        try (DevStack stack = DevStack.start(options)) {
            Platform platform = stack.platform();
            DemoTenant demo = stack.demo();
            PlatformClient client = new PlatformClient(demo);
            Map<String, String> tenant = PlatformClient.key(demo.tenantApiKey());

            // Under k1: a rotation (current and previous secret), two stored idempotent responses, a realtime
            // session (media's sealed upstream), and the signaling replica of both numbers.
            String newSecret = idempotent(demo, "/v1/webhooks/" + demo.webhookId() + "/secret/rotate", tenant, null,
                    "rotate-" + UUID.randomUUID()).json().path("secret").asString();
            String keyRequest = "api-key-" + UUID.randomUUID();
            Http.Response mintedKey = idempotent(demo, "/v1/api-keys", tenant, Map.of("name", "rotation"), keyRequest);
            String evoCall = answeredEvoGoCall(client, demo);
            Http.Response session = client.post(demo.evoGoNumber().apiKey(), "/v1/calls/" + evoCall + "/realtime-session",
                    Map.of("mode", "talk"));
            assertThat(session.status()).as(session.body()).isEqualTo(200);
            metaUserCallRings(client, demo);

            Map<String, SealedColumn> declared = declaredColumns(platform);
            assertThat(DatabaseDump.envelopeColumns(platform.infra()))
                    .as("every column holding envelopes is one the command re-encrypts")
                    .isEqualTo(declared.keySet());
            for (String column : declared.keySet()) {
                assertThat(values(platform, column)).as(column).isNotEmpty().allSatisfy(v -> assertThat(v).startsWith("v2.k1."));
            }

            // The new key joins the ring (newest first, so active); the services run on it while the command works.
            platform.restartServices(ring("k2:" + K2 + ",k1:" + K1));
            for (String service : SERVICES) {
                assertThat(reencrypt(platform, service, "k2:" + K2 + ",k1:" + K1)).as(service).isZero();
            }
            SecretBox k2Only = new SecretBox(KeyRing.parse("k2:" + K2, null, null));
            for (String column : declared.keySet()) {
                assertThat(values(platform, column)).as(column).isNotEmpty().allSatisfy(v -> {
                    assertThat(v).startsWith("v2.k2.");
                    assertThat(k2Only.decryptBytes(v)).isNotEmpty();
                });
            }
            assertThat(values(platform, "fanout.subscription.previous_secret_encrypted").stream().map(k2Only::decrypt))
                    .contains(demo.webhookSecret());
            assertThat(values(platform, "fanout.subscription.secret_encrypted").stream().map(k2Only::decrypt))
                    .contains(newSecret);

            // k1 leaves the ring: everything still works.
            platform.restartServices(ring("k2:" + K2));
            Http.Response replayed = idempotent(demo, "/v1/api-keys", tenant, Map.of("name", "rotation"), keyRequest);
            assertThat(replayed.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(replayed.json()).isEqualTo(mintedKey.json());
            String afterRotation = answeredEvoGoCall(client, demo);
            await().atMost(Duration.ofSeconds(40)).until(() -> !client.deliveries("callId", afterRotation).isEmpty());
            for (JsonNode delivery : client.deliveries("callId", afterRotation)) {
                verify(delivery, newSecret);
            }
            metaUserCallRings(client, demo);
        }
    }

    private static Map<String, SealedColumn> declaredColumns(Platform platform) {
        Map<String, List<SealedColumn>> byService = Map.of(
                "api-gateway", GatewayApplication.SEALED_COLUMNS,
                "call-signaling-service", SignalingApplication.SEALED_COLUMNS,
                "media-bridge-service", MediaBridgeApplication.SEALED_COLUMNS,
                "webhook-fanout-service", FanoutApplication.SEALED_COLUMNS);
        Map<String, SealedColumn> declared = new TreeMap<>();
        byService.forEach((service, columns) -> columns.forEach(c -> declared.put(schema(platform, service) + "."
                + c.name(), c)));
        return declared;
    }

    private static String schema(Platform platform, String service) {
        return platform.service(service).context().getEnvironment().getRequiredProperty("ringline.db.schema");
    }

    private static List<String> values(Platform platform, String qualifiedColumn) throws Exception {
        String[] parts = qualifiedColumn.split("\\.");
        return DatabaseDump.values(platform.infra(), parts[0], parts[1], parts[2]);
    }

    /** The command as {@code bin/reencrypt} runs it for one service, with the same environment as the service. */
    private static int reencrypt(Platform platform, String service, String ring) {
        List<String> args = new ArrayList<>(List.of(ReencryptCommand.FLAG, "--ringline.crypto.keys=" + ring,
                "--ringline.crypto.key=", "--ringline.reencrypt.batch-size=2"));
        platform.infra().environment().forEach((k, v) -> args.add("--" + k + "=" + v));
        String[] argv = args.toArray(String[]::new);
        return switch (service) {
            case "api-gateway" -> ReencryptCommand.run(GatewayApplication.CONFIG_NAME, GatewayApplication.SEALED_COLUMNS, argv);
            case "call-signaling-service" -> ReencryptCommand.run(SignalingApplication.NAME, SignalingApplication.SEALED_COLUMNS, argv);
            case "media-bridge-service" -> ReencryptCommand.run(MediaBridgeApplication.CONFIG_NAME,
                    MediaBridgeApplication.SEALED_COLUMNS, argv);
            case "webhook-fanout-service" -> ReencryptCommand.run(FanoutApplication.CONFIG_NAME, FanoutApplication.SEALED_COLUMNS, argv);
            default -> throw new IllegalArgumentException(service);
        };
    }

    private static Map<String, Map<String, String>> ring(String keys) {
        Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
        SERVICES.forEach(s -> overrides.put(s, Map.of("ringline.crypto.keys", keys, "ringline.crypto.key", "")));
        return overrides;
    }

    private static Http.Response idempotent(DemoTenant demo, String path, Map<String, String> auth, Object body, String key) {
        Map<String, String> headers = new LinkedHashMap<>(auth);
        headers.put("Idempotency-Key", key);
        Http.Response response = Http.post(demo.gatewayUrl() + path, headers, body);
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response;
    }

    /** An EVO_GO call the simulated user answers and keeps open; returns its id once ACCEPTED. */
    private static String answeredEvoGoCall(PlatformClient client, DemoTenant demo) {
        String user = "+55119" + (10_000_000 + new SecureRandom().nextInt(89_999_999));
        client.userBehaves(user, Map.of("onCall", "answer", "afterMs", 200, "hangUpAfterMs", 600_000));
        // Right after a restart the number's latest revision (re-sealed under the new key) may still be on its way to
        // signaling: the gateway then refuses with 503 NUMBER_NOT_READY, which changes nothing, and a client retries.
        Http.Response placed = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> client.post(demo.evoGoNumber().apiKey(), "/v1/calls", Map.of("to", user)),
                        response -> !(response.status() == 503 && response.body().contains("NUMBER_NOT_READY")));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String id = placed.json().path("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACCEPTED".equals(client.status(demo.evoGoNumber().apiKey(), id)));
        return id;
    }

    /** A user calls the Meta number: the gateway verifies the signed webhook with the app secret it opens. */
    private static void metaUserCallRings(PlatformClient client, DemoTenant demo) {
        String user = "55119" + (10_000_000 + new SecureRandom().nextInt(89_999_999));
        String external = client.userCalls(user, demo.metaNumber().phone());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "RINGING".equals(client.status(demo.metaNumber().apiKey(), external)));
    }

    private static void verify(JsonNode delivery, String secret) throws Exception {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        delivery.path("headers").properties().forEach(e -> headers.put(e.getKey(), List.of(e.getValue().asString())));
        new Webhook(secret).verify(delivery.path("body").asString(), headers);
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
