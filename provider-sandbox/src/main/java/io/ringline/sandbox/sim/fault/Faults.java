package io.ringline.sandbox.sim.fault;

import java.time.Duration;

/**
 * The faults in force for one business number, every switch resolved. {@code errorCode} 0 means "no error";
 * {@code dropWebhooksPercent} 0 means every call webhook is sent. {@code latency} holds a request before the
 * simulator sees it; {@code answerLatency} holds its answer after the simulator acted on it (a provider that did the
 * work but answers late).
 */
public record Faults(
        Duration latency,
        int errorCode,
        boolean duplicateWebhooks,
        boolean reorderWebhooks,
        boolean instanceConnected,
        int dropWebhooksPercent,
        Duration answerLatency) {

    static Faults resolve(FaultSettings settings) {
        return new Faults(
                Duration.ofMillis(settings.latencyMs() != null ? settings.latencyMs() : 0),
                settings.errorCode() != null ? settings.errorCode() : 0,
                Boolean.TRUE.equals(settings.duplicateWebhooks()),
                Boolean.TRUE.equals(settings.reorderWebhooks()),
                !Boolean.FALSE.equals(settings.instanceConnected()),
                settings.dropWebhooksPercent() != null ? settings.dropWebhooksPercent() : 0,
                Duration.ofMillis(settings.answerLatencyMs() != null ? settings.answerLatencyMs() : 0));
    }

    public boolean failsRequests() {
        return errorCode != 0;
    }
}
