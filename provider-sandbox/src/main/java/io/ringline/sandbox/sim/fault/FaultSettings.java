package io.ringline.sandbox.sim.fault;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The fault switches of one scope (global, or one business number). A null switch is "not set here": a number
 * inherits the global value and the global scope falls back to "no fault".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultSettings(
        Integer latencyMs,
        Integer errorCode,
        Boolean duplicateWebhooks,
        Boolean reorderWebhooks,
        Boolean instanceConnected,
        Integer dropWebhooksPercent,
        Integer answerLatencyMs) {

    public static final FaultSettings NONE = new FaultSettings(null, null, null, null, null, null, null);

    /** This scope's switches, falling back switch by switch to {@code fallback}. */
    public FaultSettings over(FaultSettings fallback) {
        return new FaultSettings(
                latencyMs != null ? latencyMs : fallback.latencyMs,
                errorCode != null ? errorCode : fallback.errorCode,
                duplicateWebhooks != null ? duplicateWebhooks : fallback.duplicateWebhooks,
                reorderWebhooks != null ? reorderWebhooks : fallback.reorderWebhooks,
                instanceConnected != null ? instanceConnected : fallback.instanceConnected,
                dropWebhooksPercent != null ? dropWebhooksPercent : fallback.dropWebhooksPercent,
                answerLatencyMs != null ? answerLatencyMs : fallback.answerLatencyMs);
    }
}
