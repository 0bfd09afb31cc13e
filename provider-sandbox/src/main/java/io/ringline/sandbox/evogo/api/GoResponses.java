package io.ringline.sandbox.evogo.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.ringline.sandbox.evogo.GoCall;
import io.ringline.sandbox.evogo.GoCallState;
import io.ringline.sandbox.evogo.GoDirection;

/** Response bodies of the GO API. */
final class GoResponses {

    private GoResponses() {
    }

    record Message(String message) {
        static final Message SUCCESS = new Message("success");
        static final Message QUEUED = new Message("queued");
    }

    record CallStarted(String callId, GoCallState state) {
    }

    /** GO's call object; {@code peer} is phone digits. */
    record CallView(String callId, String peer, GoDirection direction, GoCallState state, Instant startedAt,
            long durationSeconds) {

        static CallView of(GoCall call, Clock clock) {
            return new CallView(call.callId(), call.peer(), call.direction(), call.state(), call.startedAt(),
                    call.durationSeconds(clock.instant()));
        }
    }

    record CallList(List<CallView> data) {
    }

    record RealtimeSession(String wsUrl, String token, long expiresInSeconds) {
    }

    record InstanceStatus(String state) {
    }

    /** GO wraps instance answers: {@code {message:"success", data:{…}}}. */
    record Wrapped<T>(String message, T data) {
        static <T> Wrapped<T> success(T data) {
            return new Wrapped<>("success", data);
        }
    }

    /** {@code /instance/connect}: the instance's JID once logged in (else empty), its webhook and events. */
    record Connected(String jid, String webhookUrl, String eventString) {
    }

    /**
     * {@code /instance/qr}: {@code code} is what the phone scans (WhatsApp's pairing string); real GO also renders
     * it as a PNG data URL in {@code qrcode}, which the sandbox leaves empty (clients render {@code code}).
     */
    record Qr(String qrcode, String code) {
    }
}
