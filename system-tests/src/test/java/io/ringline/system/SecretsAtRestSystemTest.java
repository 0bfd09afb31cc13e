package io.ringline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.devstack.DemoTenant;
import io.ringline.devstack.DevStack;
import io.ringline.platform.crypto.Hashing;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * No secret rests in clear (SPEC §2), on the assembled platform: provider credentials registered through the
 * API, an API key, a webhook subscription and a secret rotation minted with {@code Idempotency-Key} (and each
 * replayed once: same response back), in a tenant the operator creates, and calls on both numbers so every
 * service handles the credentials and secrets. Then every row of every table of every schema is read as text,
 * and none of the plaintexts appears anywhere; nor in any log line the platform wrote meanwhile.
 */
class SecretsAtRestSystemTest {

    private final DevStack stack = SharedPlatform.get();
    private final DemoTenant demo = stack.demo();
    private final String gateway = demo.gatewayUrl();
    private final String sandbox = demo.sandboxUrl();
    private final Map<String, String> secrets = new LinkedHashMap<>();

    @Test
    void noSecretMintedThroughTheApiRestsInAnyTableOrLogLine() throws Exception {
        List<String> logLines;
        String goNumber;
        String metaPhone;
        String sinkPath = "/sandbox/webhook-sink/at-rest-" + UUID.randomUUID();
        try (LogCapture logs = LogCapture.attach()) {
            LoggerFactory.getLogger("io.ringline.gateway").debug("log capture attached");
            // A tenant of its own (so its webhook sees only its own calls), created with an Idempotency-Key.
            Map<String, String> operator = Map.of("x-operator-token", demo.operatorToken(),
                    "Idempotency-Key", UUID.randomUUID().toString());
            for (int i = 0; i < 2; i++) {
                Http.Response admin = Http.post(gateway + "/admin/tenants", operator, Map.of("name", "at-rest"));
                assertThat(admin.status()).as(admin.body()).isEqualTo(201);
                secrets.put("operator-minted tenant key " + i, admin.json().path("apiKey").path("key").asString());
            }
            Map<String, String> tenant = PlatformClient.key(secrets.get("operator-minted tenant key 0"));

            goNumber = registerEvoGoNumber(tenant);
            metaPhone = registerMetaNumber(tenant);

            JsonNode key = postTwice("/v1/api-keys", tenant, Map.of("name", "at-rest", "numberId", goNumber));
            secrets.put("number API key", key.path("key").asString());

            JsonNode webhook = postTwice("/v1/webhooks", tenant,
                    Map.of("name", "at-rest", "url", sandbox + sinkPath, "events", List.of("*")));
            secrets.put("webhook secret", webhook.path("secret").asString());
            JsonNode rotated = postTwice("/v1/webhooks/" + webhook.path("id").asString() + "/secret/rotate", tenant, null);
            secrets.put("rotated webhook secret", rotated.path("secret").asString());

            // Calls make the signaling service open (and keep a replica of) the credentials, the gateway check
            // Meta's webhook signatures with the app secret, and the fan-out sign with both webhook secrets.
            String user = "55119" + digits(8);
            Http.Response call = Http.post(gateway + "/v1/calls", PlatformClient.key(secrets.get("number API key")),
                    Map.of("to", "+" + user));
            assertThat(call.status()).as(call.body()).isEqualTo(201);
            String callId = call.json().path("id").asString();
            String metaCaller = "55119" + digits(8);
            new PlatformClient(demo).userCalls(metaCaller, metaPhone);
            await().atMost(Duration.ofSeconds(40)).until(() -> {
                String body = Http.get(sandbox + "/sandbox/webhook-sink/deliveries?path=" + sinkPath, Map.of()).body();
                return body.contains(callId) && body.contains(metaCaller);
            });
            logLines = logs.lines();
        }

        secrets.put("demo tenant key", demo.tenantApiKey());
        secrets.put("demo webhook secret", demo.webhookSecret());
        secrets.values().forEach(s -> assertThat(s).as("every secret was minted").isNotBlank().hasSizeGreaterThan(20));

        List<DatabaseDump.Table> tables = DatabaseDump.all(stack.platform().infra());
        assertThat(tables).extracting(DatabaseDump.Table::qualified)
                .contains("gateway.idempotency_keys", "gateway.numbers", "signaling.numbers", "fanout.subscription");
        assertThat(tables).filteredOn(t -> t.qualified().equals("gateway.idempotency_keys"))
                .singleElement().satisfies(t -> assertThat(t.rows()).hasSizeGreaterThanOrEqualTo(3));
        String everything = String.join("\n", tables.stream().flatMap(t -> t.rows().stream()).toList());
        assertThat(everything).as("the dump reads the rows this test wrote").contains(goNumber);

        assertThat(DatabaseDump.holding(tables, secrets)).as("tables holding a secret in clear").isEmpty();
        assertThat(logLines).as("the capture sees the services' loggers").anyMatch(l -> l.contains("log capture attached"));
        assertThat(logLines.stream()
                .flatMap(line -> secrets.entrySet().stream()
                        .filter(s -> DatabaseDump.containsSecret(line, s.getValue()))
                        .map(s -> s.getKey() + " in: " + line.lines().findFirst().orElse("")))
                .toList()).as("log lines carrying a secret").isEmpty();
    }

    /** A GO instance on the sandbox with a fresh token, registered as a number through the public API. */
    private String registerEvoGoNumber(Map<String, String> tenant) {
        String instance = "at-rest-" + digits(6);
        String token = Hashing.newSecret("go_");
        String phone = "+55119" + digits(8);
        secrets.put("GO instance token", token);
        Http.Response go = Http.put(sandbox + "/sandbox/evogo/instances/" + instance,
                Map.of("token", token, "phone", phone, "webhookUrl", gateway + "/webhooks/evolution-go"));
        assertThat(go.status()).as(go.body()).isBetween(200, 299);
        Http.Response number = Http.post(gateway + "/v1/numbers", tenant, Map.of("phone", phone, "provider", "EVO_GO",
                "evoGo", Map.of("baseUrl", sandbox + "/evogo/" + instance, "instanceName", instance, "instanceToken", token)));
        assertThat(number.status()).as(number.body()).isEqualTo(201);
        return number.json().path("id").asString();
    }

    /** A Meta number on the sandbox with a fresh access token, app secret and verify token, registered the same way. */
    private String registerMetaNumber(Map<String, String> tenant) {
        String phoneNumberId = "1" + digits(14);
        String phone = "+55119" + digits(8);
        String accessToken = Hashing.newSecret("EAAG");
        String appSecret = Hashing.newSecret("appsecret_");
        String verifyToken = Hashing.newSecret("verify_");
        secrets.put("Meta access token", accessToken);
        secrets.put("Meta app secret", appSecret);
        secrets.put("Meta verify token", verifyToken);
        Http.Response meta = Http.put(sandbox + "/sandbox/meta/numbers/" + phoneNumberId, Map.of("phone", phone,
                "accessToken", accessToken, "appSecret", appSecret, "webhookUrl", gateway + "/webhooks/meta"));
        assertThat(meta.status()).as(meta.body()).isBetween(200, 299);
        Http.Response number = Http.post(gateway + "/v1/numbers", tenant, Map.of("phone", phone, "provider", "META",
                "meta", Map.of("graphBaseUrl", sandbox + "/meta/v21.0", "phoneNumberId", phoneNumberId,
                        "accessToken", accessToken, "appSecret", appSecret, "verifyToken", verifyToken)));
        assertThat(number.status()).as(number.body()).isEqualTo(201);
        return phone;
    }

    /** POSTs with a fresh Idempotency-Key, then replays it: the same response must come back, marked replayed. */
    private JsonNode postTwice(String path, Map<String, String> auth, Object body) {
        Map<String, String> headers = new LinkedHashMap<>(auth);
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        Http.Response first = Http.post(gateway + path, headers, body);
        assertThat(first.status()).as(first.body()).isBetween(200, 201);
        Http.Response replay = Http.post(gateway + path, headers, body);
        assertThat(replay.status()).isEqualTo(first.status());
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(replay.json()).isEqualTo(first.json());
        return first.json();
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        return s.toString();
    }
}
