package io.ringline.platform.internalapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Gateway → media bridge, {@code POST /internal/numbers/{numberId}/calls/{callId}/realtime-session}. The media
 * bridge validates {@code mode}, {@code format}, {@code framing} and {@code playout} (null = its default).
 *
 * @param dialect {@code evolution_go} from the GO compatibility layer; null = Ringline's protocol
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RealtimeSessionRequest(String mode, String format, String framing, String playout, String dialect,
        String externalCallId, NumberContextBody number) {
}
