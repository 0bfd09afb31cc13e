package io.ringline.bench.seed;

import java.util.List;

/** A tenant seeded for a run, its tenant key and the ids of its webhook subscriptions (in creation order). */
public record SeededTenant(int index, String id, String apiKey, List<String> webhookIds) {
}
