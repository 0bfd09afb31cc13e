package io.ringline.bench.seed;

import io.ringline.bench.platform.Target;
import io.ringline.devstack.NumberReadiness;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;

/**
 * Sets a run up the way a real operator and tenants would — through the operator API, the public API and the
 * sandbox's control API: tenants, EVO_GO numbers on sandbox GO instances with number-scoped keys, webhook
 * subscriptions pointing at the load generator's receiver, and simulated users who answer and hang up.
 * Phones and instance names carry a per-run id so several runs can share one platform.
 */
public final class Seeder {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiClient api;
    private final Target target;
    private final String runId;
    private final NumberReadiness readiness;

    public Seeder(ApiClient api, Target target, String runId) {
        this.api = api;
        this.target = target;
        this.runId = runId;
        this.readiness = new NumberReadiness(HttpClient.newHttpClient(), target.gatewayUrl(), Duration.ofSeconds(60),
                Duration.ofMillis(250));
    }

    /** A 4-digit id for phones and names of one run. */
    public static String newRunId() {
        return String.format("%04d", RANDOM.nextInt(10_000));
    }

    /**
     * {@code tenants} tenants with {@code numbersPerTenant} EVO_GO numbers each, every tenant with one subscription
     * to everything at {@code webhookUrl.apply(tenantIndex)}.
     */
    public List<GoNumber> goFleet(String label, int tenants, int numbersPerTenant, IntFunction<String> webhookUrl,
            int firstNumber) {
        List<List<GoNumber>> perTenant = inParallel(tenants, t -> {
            SeededTenant tenant = tenant(label + " " + t, t, List.of(webhookUrl.apply(t)));
            List<GoNumber> numbers = new ArrayList<>();
            for (int n = 0; n < numbersPerTenant; n++) {
                numbers.add(goNumber(tenant, firstNumber + t * numbersPerTenant + n));
            }
            // A scenario may call right away (--only=media): a number the call service has not received yet
            // would be refused 503 NUMBER_NOT_READY and counted against the platform.
            numbers.forEach(number -> readiness.await("number " + number.phone(), number.apiKey()));
            return numbers;
        });
        return perTenant.stream().flatMap(List::stream).toList();
    }

    /** Tenants without numbers, each with one subscription per URL of {@code endpointUrls.apply(tenantIndex)}. */
    public List<SeededTenant> subscribedTenants(String label, int tenants, IntFunction<List<String>> endpointUrls) {
        return inParallel(tenants, t -> tenant(label + " " + t, t, endpointUrls.apply(t)));
    }

    /** Simulated users who answer every business call after {@code afterMs} and hang up {@code hangUpAfterMs} later. */
    public List<String> answeringUsers(int count, long afterMs, long hangUpAfterMs) {
        return answeringUsers("+55219", count, afterMs, hangUpAfterMs);
    }

    /** The same, with phones starting {@code prefix} (six characters: a run's sets of users must not overlap). */
    public List<String> answeringUsers(String prefix, int count, long afterMs, long hangUpAfterMs) {
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            phones.add(prefix + runId + String.format("%04d", i));
        }
        int chunks = Math.min(8, count);
        inParallel(chunks, c -> {
            for (int i = c; i < phones.size(); i += chunks) {
                api.send("PUT", target.sandboxUrl() + "/sandbox/users/" + phones.get(i).substring(1) + "/behaviour",
                        Map.of(), Map.of("onCall", "answer", "afterMs", afterMs, "hangUpAfterMs", hangUpAfterMs));
            }
            return null;
        });
        return phones;
    }

    public void deleteWebhooks(SeededTenant tenant) {
        for (String id : tenant.webhookIds()) {
            api.send("DELETE", target.gatewayUrl() + "/v1/webhooks/" + id, Map.of("x-api-key", tenant.apiKey()), null);
        }
    }

    private SeededTenant tenant(String name, int index, List<String> webhookUrls) {
        JsonNode created = api.send("POST", target.gatewayUrl() + "/admin/tenants",
                Map.of("x-operator-token", target.operatorToken()), Map.of("name", "bench " + runId + " " + name));
        String tenantId = created.path("tenant").path("id").asString();
        String key = created.path("apiKey").path("key").asString();
        List<String> webhookIds = new ArrayList<>();
        for (String url : webhookUrls) {
            JsonNode webhook = api.send("POST", target.gatewayUrl() + "/v1/webhooks", Map.of("x-api-key", key),
                    Map.of("name", "bench receiver", "url", url, "events", List.of("*")));
            webhookIds.add(webhook.path("id").asString());
        }
        return new SeededTenant(index, tenantId, key, webhookIds);
    }

    private GoNumber goNumber(SeededTenant tenant, int index) {
        String phone = "+55119" + runId + String.format("%04d", index);
        String instance = "bench-" + runId + "-" + index;
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String token = "go_" + HexFormat.of().formatHex(secret);
        api.send("PUT", target.sandboxUrl() + "/sandbox/evogo/instances/" + instance, Map.of(), Map.of(
                "token", token, "phone", phone, "webhookUrl", target.gatewayUrl() + "/webhooks/evolution-go"));
        Map<String, String> asTenant = Map.of("x-api-key", tenant.apiKey());
        JsonNode number = api.send("POST", target.gatewayUrl() + "/v1/numbers", asTenant, Map.of(
                "phone", phone, "provider", "EVO_GO", "displayName", "bench " + index,
                "evoGo", Map.of("baseUrl", target.sandboxUrl() + "/evogo/" + instance, "instanceName", instance,
                        "instanceToken", token)));
        String numberId = number.path("id").asString();
        String key = api.send("POST", target.gatewayUrl() + "/v1/api-keys", asTenant,
                Map.of("name", "bench " + index, "numberId", numberId)).path("key").asString();
        return new GoNumber(tenant.index(), tenant.id(), numberId, phone, key, instance, token);
    }

    private static <T> List<T> inParallel(int count, IntFunction<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(4, count)));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
