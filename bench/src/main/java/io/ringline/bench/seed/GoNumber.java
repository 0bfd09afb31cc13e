package io.ringline.bench.seed;

/** An EVO_GO number seeded for a run: its tenant, its number-scoped key and its sandbox GO instance. */
public record GoNumber(int tenantIndex, String tenantId, String numberId, String phone, String apiKey,
        String instanceName, String instanceToken) {
}
