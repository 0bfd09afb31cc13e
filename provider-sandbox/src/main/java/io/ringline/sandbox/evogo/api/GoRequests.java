package io.ringline.sandbox.evogo.api;

/** Request bodies of the GO call API. Fields are checked by hand so that errors read like GO's. */
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

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
