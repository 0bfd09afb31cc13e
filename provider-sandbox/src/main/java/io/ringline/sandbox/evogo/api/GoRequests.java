package io.ringline.sandbox.evogo.api;

import java.util.List;

/** Request bodies of the GO call and instance API. Fields are checked by hand so that errors read like GO's. */
final class GoRequests {

    private GoRequests() {
    }

    record StartCall(String number) {
    }

    record CallId(String callId) {
    }

    record RejectCall(String callId, String callCreator) {
    }

    record RealtimeSession(String callId, String mode) {
    }

    /** {@code /instance/connect}: GO's connection settings; only the webhook URL matters to the simulation. */
    record Connect(String webhookUrl, List<String> subscribe, Boolean immediate, String phone) {
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
