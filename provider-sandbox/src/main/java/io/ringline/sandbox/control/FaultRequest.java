package io.ringline.sandbox.control;

import io.ringline.sandbox.sim.fault.FaultSettings;

/** {@code PUT /sandbox/faults}: the switches of one scope, the business phone {@code number} or global. */
record FaultRequest(String number, Integer latencyMs, Integer errorCode, Boolean duplicateWebhooks,
        Boolean reorderWebhooks, Boolean instanceConnected, Integer dropWebhooksPercent, Integer answerLatencyMs) {

    FaultSettings settings() {
        return new FaultSettings(latencyMs, errorCode, duplicateWebhooks, reorderWebhooks, instanceConnected,
                dropWebhooksPercent, answerLatencyMs);
    }
}
