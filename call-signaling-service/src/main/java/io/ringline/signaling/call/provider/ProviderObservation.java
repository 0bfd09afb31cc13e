package io.ringline.signaling.call.provider;

import io.ringline.platform.vocabulary.GoConnectionState;
import io.ringline.platform.vocabulary.CallPermissionStatus;
import io.ringline.signaling.call.EndCause;
import io.ringline.signaling.call.EndReason;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What one provider signal says, in provider-neutral terms. */
public sealed interface ProviderObservation {

    /** Something about one call, named by the provider's id for it. */
    sealed interface AboutCall extends ProviderObservation {
        String externalCallId();
    }

    /** A WhatsApp user calls the business; {@code sdpOffer} is the provider's offer (META), else null. */
    record Offered(String externalCallId, String peerNumber, String peerRef, Instant offeredAt, String sdpOffer)
            implements AboutCall {
    }

    /** The provider's SDP answer to a business-initiated call's offer (META connect webhook). */
    record RemoteAnswer(String externalCallId, String sdpAnswer) implements AboutCall {
    }

    /** The user's phone rings. */
    record Ringing(String externalCallId) implements AboutCall {
    }

    /**
     * The media bridge's report that a play into the call ended ({@code media.play_finished}); named by the
     * provider's call id so it is ordered with the call's other signals.
     */
    record PlayFinished(String externalCallId, String playId, String outcome) implements AboutCall {
    }

    /** The call was answered. */
    record Answered(String externalCallId) implements AboutCall {
    }

    /** The call was declined. */
    record Declined(String externalCallId) implements AboutCall {
    }

    /**
     * The call is over; {@code durationSeconds} when the provider said; {@code failureReason} names a
     * failure by the provider's own code ({@code META_138021}), null for Ringline's generic reason.
     */
    record Ended(String externalCallId, EndCause cause, Integer durationSeconds, EndReason failureReason)
            implements AboutCall {

        public Ended(String externalCallId, EndCause cause, Integer durationSeconds) {
            this(externalCallId, cause, durationSeconds, null);
        }
    }

    /**
     * One provider change naming several call items (a Meta {@code calls} value): the items in order,
     * and the provider's value object as received, for the raw event. {@code businessInitiatedPeers}: for the
     * business-initiated calls it names, the user called ({@code +digits}, by provider id), when the change says —
     * how a call Ringline gave up placing before the provider named it is recognised.
     */
    record CallReports(String rawJson, List<AboutCall> items, Map<String, String> businessInitiatedPeers)
            implements ProviderObservation {

        public CallReports {
            items = List.copyOf(items);
            businessInitiatedPeers = Map.copyOf(businessInitiatedPeers);
        }

        public CallReports(String rawJson, List<AboutCall> items) {
            this(rawJson, items, Map.of());
        }

        /** The provider id of the first call named, which orders the change among its call's signals. */
        public String firstCallId() {
            return items.isEmpty() ? null : items.getFirst().externalCallId();
        }
    }

    /** WhatsApp users answered the business's call-permission requests (META). */
    record PermissionReplies(List<PermissionReply> replies) implements ProviderObservation {

        public PermissionReplies {
            replies = List.copyOf(replies);
        }
    }

    /**
     * @param expiresAt a temporary permission's end (Meta's {@code expiration_timestamp}), else null
     */
    record PermissionReply(String peerNumber, CallPermissionStatus status, Instant expiresAt) {
    }

    /** The number's connection to WhatsApp changed. */
    record ConnectionChanged(GoConnectionState state) implements ProviderObservation {
    }

    /** A signal this service has nothing to do with. */
    record Irrelevant(String why) implements ProviderObservation {
    }
}
