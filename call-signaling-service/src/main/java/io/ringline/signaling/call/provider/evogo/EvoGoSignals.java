package io.ringline.signaling.call.provider.evogo;

import io.ringline.platform.vocabulary.GoConnectionState;
import io.ringline.signaling.call.EndCause;
import io.ringline.signaling.call.provider.MalformedSignalException;
import io.ringline.signaling.call.provider.ProviderObservation;
import io.ringline.signaling.call.provider.ProviderObservation.Answered;
import io.ringline.signaling.call.provider.ProviderObservation.ConnectionChanged;
import io.ringline.signaling.call.provider.ProviderObservation.Declined;
import io.ringline.signaling.call.provider.ProviderObservation.Ended;
import io.ringline.signaling.call.provider.ProviderObservation.Irrelevant;
import io.ringline.signaling.call.provider.ProviderObservation.Offered;
import io.ringline.signaling.call.provider.ProviderObservation.Ringing;
import io.ringline.signaling.call.provider.SignalInterpreter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the {@code data} object of Evolution GO webhooks ({@code evogo.<Event>} signals). GO names
 * its fields in Go style ({@code CallID}); the camel-case spelling is accepted too.
 */
@Component
class EvoGoSignals implements SignalInterpreter {

    static final String PREFIX = "evogo.";

    private final JsonMapper json;

    EvoGoSignals(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String kindPrefix() {
        return PREFIX;
    }

    @Override
    public ProviderObservation interpret(String kind, String payloadJson) {
        JsonNode data = parse(payloadJson);
        return switch (kind.substring(PREFIX.length())) {
            case "CallOffer" -> offered(data);
            case "CallRinging" -> new Ringing(callId(data));
            case "CallAccept" -> new Answered(callId(data));
            case "CallReject" -> new Declined(callId(data));
            case "CallTerminate" -> new Ended(callId(data), cause(text(data, "Reason")), duration(data));
            case "ConnectionUpdate" -> connection(data);
            default -> new Irrelevant("GO event " + kind + " is not about calls");
        };
    }

    private JsonNode parse(String payloadJson) {
        try {
            JsonNode data = json.readTree(payloadJson);
            if (data == null || !data.isObject()) {
                throw new MalformedSignalException("GO signal payload is not a JSON object");
            }
            return data;
        } catch (tools.jackson.core.JacksonException e) {
            throw new MalformedSignalException("GO signal payload is not JSON", e);
        }
    }

    private Offered offered(JsonNode data) {
        String from = text(data, "From");
        String creator = text(data, "CallCreator");
        String peerJid = JidNumbers.isPhoneJid(from) ? from : JidNumbers.isPhoneJid(creator) ? creator : null;
        if (peerJid == null) {
            throw new MalformedSignalException("CallOffer names no caller phone (From=" + from + ", CallCreator="
                    + creator + ")");
        }
        return new Offered(callId(data), JidNumbers.toE164(peerJid), creator != null ? creator : peerJid,
                timestamp(field(data, "Timestamp")), null);
    }

    private ConnectionChanged connection(JsonNode data) {
        String state = text(data, "State");
        if (state == null) {
            throw new MalformedSignalException("ConnectionUpdate without state");
        }
        // GO documents open|close only; a state it adds later is reported rather than guessed at (open or not?)
        return new ConnectionChanged(GoConnectionState.fromWire(state).orElseThrow(
                () -> new MalformedSignalException("ConnectionUpdate with unknown state: " + state)));
    }

    /** GO's terminate reason is free text; what matters is whether it says declined, timed out or failed. */
    static EndCause cause(String reason) {
        String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (r.contains("reject") || r.contains("declin") || r.contains("busy")) {
            return EndCause.DECLINED;
        }
        if (r.contains("timeout") || r.contains("timed out") || r.contains("no_answer") || r.contains("unanswered")) {
            return EndCause.TIMEOUT;
        }
        if (r.contains("connection") || r.contains("lost") || r.contains("error") || r.contains("fail")) {
            return EndCause.FAILURE;
        }
        return EndCause.HANGUP;
    }

    private static Integer duration(JsonNode data) {
        JsonNode value = field(data, "DurationSeconds");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.asInt() < 0) {
            throw new MalformedSignalException("DurationSeconds is not a non-negative number: " + value);
        }
        return value.asInt();
    }

    private static String callId(JsonNode data) {
        String id = text(data, "CallID");
        if (id == null || id.isBlank()) {
            throw new MalformedSignalException("GO call signal without CallID");
        }
        return id;
    }

    /** Unix seconds, Unix milliseconds or ISO-8601; null when absent or unreadable (arrival time is used). */
    private static Instant timestamp(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            long n = value.asLong();
            return n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
        }
        try {
            return OffsetDateTime.parse(value.asString()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode data, String goName) {
        JsonNode value = field(data, goName);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static JsonNode field(JsonNode data, String goName) {
        if (data.has(goName)) {
            return data.get(goName);
        }
        String camel = goName.equals("CallID") ? "callId" : Character.toLowerCase(goName.charAt(0)) + goName.substring(1);
        return data.get(camel);
    }
}
