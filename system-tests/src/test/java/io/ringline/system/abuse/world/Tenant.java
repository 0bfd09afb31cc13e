package io.ringline.system.abuse.world;

import java.util.List;

/**
 * A tenant the campaign set up: its keys, its two numbers (META and EVO_GO), its subscriptions and the
 * deliveries they made. Every id here is something the other tenant's keys must never reach.
 */
public record Tenant(String label, String id, String tenantKey, String tenantKeyId, String revokedKey,
        String revokedKeyId, NumberLine meta, NumberLine evoGo, String webhookId, List<String> deliveryIds) {

    public List<NumberLine> numbers() {
        return List.of(meta, evoGo);
    }
}
