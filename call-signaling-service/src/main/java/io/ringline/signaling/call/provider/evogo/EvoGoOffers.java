package io.ringline.signaling.call.provider.evogo;

import io.ringline.signaling.call.Direction;
import io.ringline.signaling.call.provider.ProviderCallState;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rebuilds the {@code CallOffer} webhook data GO sends for an incoming call from what GO answers about that call
 * ({@code GET /call/{callId}}), for an offer that never reached Ringline (GO sends each webhook once): the rebuilt
 * offer is then read and applied like a delivered one.
 */
@Component
public class EvoGoOffers {

    /** The signal kind of a GO offer, as the gateway forwards it. */
    public static final String KIND = EvoGoSignals.PREFIX + "CallOffer";

    private final JsonMapper json;

    EvoGoOffers(JsonMapper json) {
        this.json = json;
    }

    /**
     * GO's {@code data} of the offer ({@code CallID}, {@code CallCreator} and {@code From} as the caller's JID,
     * {@code Timestamp} when GO said when the call started); empty unless GO described an incoming call with a
     * caller phone.
     */
    public Optional<String> rebuild(String externalCallId, ProviderCallState state) {
        if (!state.known() || state.direction() != Direction.INBOUND || state.peerNumber() == null) {
            return Optional.empty();
        }
        String caller = JidNumbers.toJid(state.peerNumber());
        ObjectNode data = json.createObjectNode();
        data.put("CallID", externalCallId);
        data.put("CallCreator", caller);
        data.put("From", caller);
        if (state.startedAt() != null) {
            data.put("Timestamp", state.startedAt().toString());
        }
        return Optional.of(json.writeValueAsString(data));
    }
}
