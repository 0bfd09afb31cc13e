package io.ringline.signaling.call.provider.media;

import io.ringline.signaling.call.provider.MalformedSignalException;
import io.ringline.signaling.call.provider.ProviderObservation;
import io.ringline.signaling.call.provider.ProviderObservation.Irrelevant;
import io.ringline.signaling.call.provider.ProviderObservation.PlayFinished;
import io.ringline.signaling.call.provider.SignalInterpreter;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what the media bridge reports about EVO_GO calls (docs/internal-apis.md "Media signals"):
 * {@code media.play_finished} {@code {callId, externalCallId, playId, outcome}} → {@link PlayFinished}, which
 * becomes {@code call.play_finished} in the call's event sequence.
 */
@Component
class MediaSignals implements SignalInterpreter {

    static final String PLAY_FINISHED = "media.play_finished";
    private static final Set<String> OUTCOMES = Set.of("finished", "stopped", "failed");

    private final JsonMapper json;

    MediaSignals(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String kindPrefix() {
        return "media.";
    }

    @Override
    public ProviderObservation interpret(String kind, String payloadJson) {
        if (!PLAY_FINISHED.equals(kind)) {
            return new Irrelevant("media signal " + kind + " is not known to this version");
        }
        JsonNode payload;
        try {
            payload = json.readTree(payloadJson);
        } catch (tools.jackson.core.JacksonException e) {
            throw new MalformedSignalException("media signal is not JSON", e);
        }
        String externalCallId = text(payload, "externalCallId");
        String playId = text(payload, "playId");
        String outcome = text(payload, "outcome");
        if (externalCallId == null || playId == null || outcome == null || !OUTCOMES.contains(outcome)) {
            throw new MalformedSignalException("media.play_finished needs externalCallId, playId and an outcome of "
                    + OUTCOMES);
        }
        return new PlayFinished(externalCallId, playId, outcome);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }
}
