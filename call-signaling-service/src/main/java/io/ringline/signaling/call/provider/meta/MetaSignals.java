package io.ringline.signaling.call.provider.meta;

import io.ringline.platform.vocabulary.CallPermissionStatus;
import io.ringline.signaling.call.EndCause;
import io.ringline.signaling.call.EndReason;
import io.ringline.signaling.call.provider.MalformedSignalException;
import io.ringline.signaling.call.provider.ProviderObservation;
import io.ringline.signaling.call.provider.ProviderObservation.AboutCall;
import io.ringline.signaling.call.provider.ProviderObservation.Answered;
import io.ringline.signaling.call.provider.ProviderObservation.CallReports;
import io.ringline.signaling.call.provider.ProviderObservation.Declined;
import io.ringline.signaling.call.provider.ProviderObservation.Ended;
import io.ringline.signaling.call.provider.ProviderObservation.Irrelevant;
import io.ringline.signaling.call.provider.ProviderObservation.Offered;
import io.ringline.signaling.call.provider.ProviderObservation.PermissionReplies;
import io.ringline.signaling.call.provider.ProviderObservation.PermissionReply;
import io.ringline.signaling.call.provider.ProviderObservation.RemoteAnswer;
import io.ringline.signaling.call.provider.ProviderObservation.Ringing;
import io.ringline.signaling.call.provider.SignalInterpreter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Meta webhook changes (docs/internal-apis.md "META"): {@code meta.calls} → the value's {@code calls[]} and
 * {@code statuses[]} items in order, {@code meta.messages} → call-permission replies. The payload is Meta's
 * envelope {@code {object, entry:[{id, changes:[change]}]}} holding the one change (kept whole for the raw
 * {@code calls} event); a bare change value (what gateways before issue 11 sent) is read too.
 * {@code meta.recovered_connect} is no Meta change: it is the connect {@link MetaOffers} rebuilds from a parked
 * terminate (issue 9), one call item, read into an offer without SDP.
 */
@Component
class MetaSignals implements SignalInterpreter {

    static final String CALLS = "meta.calls";
    static final String MESSAGES = "meta.messages";
    /** Never forwarded by the gateway (it names its kinds after Meta's fields: calls, messages). */
    static final String RECOVERED_CONNECT = "meta.recovered_connect";

    private final JsonMapper json;

    MetaSignals(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String kindPrefix() {
        return "meta.";
    }

    @Override
    public ProviderObservation interpret(String kind, String payloadJson) {
        return switch (kind) {
            case CALLS -> calls(value(parse(payloadJson)), payloadJson);
            case MESSAGES -> permissions(value(parse(payloadJson)));
            case RECOVERED_CONNECT -> recoveredConnect(parse(payloadJson));
            default -> new Irrelevant("Meta change " + kind + " is not about calls");
        };
    }

    /** The change's value: inside the envelope, or the payload itself when it is a bare value. */
    static JsonNode value(JsonNode payload) {
        if (!payload.has("entry")) {
            return payload;
        }
        JsonNode value = payload.path("entry").path(0).path("changes").path(0).path("value");
        if (!value.isObject()) {
            throw new MalformedSignalException("Meta envelope without entry[0].changes[0].value");
        }
        return value;
    }

    private JsonNode parse(String payloadJson) {
        try {
            JsonNode value = json.readTree(payloadJson);
            if (value == null || !value.isObject()) {
                throw new MalformedSignalException("Meta change value is not a JSON object");
            }
            return value;
        } catch (tools.jackson.core.JacksonException e) {
            throw new MalformedSignalException("Meta change value is not JSON", e);
        }
    }

    private CallReports calls(JsonNode value, String rawJson) {
        List<AboutCall> items = new ArrayList<>();
        Map<String, String> businessInitiatedPeers = new HashMap<>();
        for (JsonNode call : value.path("calls")) {
            String event = lower(text(call, "event"));
            notePeer(businessInitiatedPeers, call, isBusinessInitiated(call) ? text(call, "to") : null);
            switch (event) {
                case "connect" -> items.add(connect(call));
                case "terminate" -> items.add(terminate(call, value));
                default -> {
                    // other call events carry nothing the state machine uses
                }
            }
        }
        for (JsonNode status : value.path("statuses")) {
            String type = text(status, "type");
            if (type != null && !type.equalsIgnoreCase("call")) {
                continue; // a message status sharing the change
            }
            String id = callId(status);
            notePeer(businessInitiatedPeers, status, text(status, "recipient_id")); // statuses are BIC only
            switch (lower(text(status, "status"))) {
                case "ringing" -> items.add(new Ringing(id));
                case "accepted" -> items.add(new Answered(id));
                case "rejected" -> items.add(new Declined(id));
                default -> {
                    // statuses Ringline has no transition for
                }
            }
        }
        return new CallReports(rawJson, items, businessInitiatedPeers);
    }

    private static void notePeer(Map<String, String> peers, JsonNode item, String user) {
        String id = text(item, "id");
        if (id != null && !id.isBlank() && user != null && !digits(user).isEmpty()) {
            peers.putIfAbsent(id, "+" + digits(user));
        }
    }

    private AboutCall connect(JsonNode call) {
        String id = callId(call);
        String sdp = call.path("session").path("sdp").asString(null);
        if (isBusinessInitiated(call)) {
            return new RemoteAnswer(id, sdp);
        }
        return offered(call, sdp);
    }

    /**
     * A user's call whose connect never arrived, rebuilt from its terminate ({@link MetaOffers}). It has no SDP on
     * purpose, not by accident: Meta's offer was lost with the connect, and none is needed — the call is already
     * over (its terminate is applied right after), so nothing will ever answer it.
     */
    private Offered recoveredConnect(JsonNode call) {
        if (!"USER_INITIATED".equalsIgnoreCase(text(call, "direction")) || call.has("session")) {
            throw new MalformedSignalException("a recovered connect is a user-initiated call's, without session");
        }
        return offered(call, null);
    }

    private Offered offered(JsonNode call, String sdp) {
        String id = callId(call);
        String from = text(call, "from");
        if (from == null || digits(from).isEmpty()) {
            throw new MalformedSignalException("user-initiated connect without from: " + id);
        }
        return new Offered(id, "+" + digits(from), null, timestamp(call.get("timestamp")), sdp);
    }

    /**
     * Meta's terminate says COMPLETED or FAILED (any case) and lists errors when something broke. Whether
     * the call was answered the call itself knows (or learns from the duration). A FAILED status with no
     * error on a call that never connected is how a call that nobody took ends: an unanswered inbound one
     * was given up by the caller, an unanswered outbound one rang out (NO_ANSWER, not a provider failure).
     */
    private Ended terminate(JsonNode call, JsonNode value) {
        String id = callId(call);
        Integer duration = duration(call.get("duration"));
        JsonNode error = firstError(call.path("errors"));
        if (error == null) {
            error = firstError(value.path("errors"));
        }
        boolean answered = duration != null && duration > 0;
        boolean failed = error != null || ("failed".equals(lower(text(call, "status"))) && answered);
        if (failed) {
            EndReason reason = error != null && error.path("code").isNumber()
                    ? EndReason.providerCode("META", error.path("code").asLong())
                    : null;
            return new Ended(id, EndCause.FAILURE, duration, reason);
        }
        EndCause unanswered = "USER_INITIATED".equalsIgnoreCase(text(call, "direction")) ? EndCause.HANGUP
                : EndCause.TIMEOUT;
        return new Ended(id, unanswered, duration, null);
    }

    private PermissionReplies permissions(JsonNode value) {
        List<PermissionReply> replies = new ArrayList<>();
        String contact = value.path("contacts").path(0).path("wa_id").asString(null);
        for (JsonNode message : value.path("messages")) {
            JsonNode interactive = message.path("interactive");
            if (!"call_permission_reply".equals(interactive.path("type").asString(null))) {
                continue;
            }
            JsonNode reply = interactive.path("call_permission_reply");
            String waId = message.path("from").asString(contact);
            if (waId == null || digits(waId).isEmpty()) {
                throw new MalformedSignalException("call permission reply without the user's wa_id");
            }
            // Meta's own status values, as GET …/call_permissions (and so GET /v1/calls/permissions) spells them.
            CallPermissionStatus status = switch (lower(reply.path("response").asString(null))) {
                case "accept" -> reply.path("is_permanent").asBoolean(false)
                        ? CallPermissionStatus.PERMANENT : CallPermissionStatus.TEMPORARY;
                case "reject" -> CallPermissionStatus.NO_PERMISSION;
                default -> throw new MalformedSignalException("call permission reply without accept/reject");
            };
            Instant expiresAt = status == CallPermissionStatus.TEMPORARY ? epochSeconds(reply.path("expiration_timestamp")) : null;
            replies.add(new PermissionReply("+" + digits(waId), status, expiresAt));
        }
        return new PermissionReplies(replies);
    }

    /** Meta sends epoch seconds as a string (or a number); anything else reads as unknown. */
    private static Instant epochSeconds(JsonNode value) {
        try {
            if (value.isNumber()) {
                return Instant.ofEpochSecond(value.asLong());
            }
            String text = value.asString(null);
            return text == null || text.isBlank() ? null : Instant.ofEpochSecond(Long.parseLong(text.strip()));
        } catch (RuntimeException notSeconds) {
            return null;
        }
    }

    private static boolean isBusinessInitiated(JsonNode call) {
        return "BUSINESS_INITIATED".equalsIgnoreCase(text(call, "direction"));
    }

    private static JsonNode firstError(JsonNode errors) {
        return errors.isArray() && !errors.isEmpty() ? errors.get(0) : null;
    }

    private static String callId(JsonNode item) {
        String id = text(item, "id");
        if (id == null || id.isBlank()) {
            throw new MalformedSignalException("Meta call item without id");
        }
        return id;
    }

    private static Integer duration(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        long seconds = value.isNumber() ? value.asLong() : parseLong(value.asString());
        if (seconds < 0) {
            throw new MalformedSignalException("negative duration " + value);
        }
        return (int) seconds;
    }

    /** Meta sends Unix seconds, as a number or a string. */
    private static Instant timestamp(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(value.isNumber() ? value.asLong() : Long.parseLong(value.asString()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new MalformedSignalException("not a number: " + text, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }

    private static String digits(String number) {
        return number.replaceAll("[^0-9]", "");
    }
}
