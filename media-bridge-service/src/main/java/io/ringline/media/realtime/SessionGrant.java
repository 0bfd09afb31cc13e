package io.ringline.media.realtime;

import io.ringline.media.realtime.audio.AudioFormat;
import io.ringline.media.realtime.audio.Framing;
import java.net.URI;

/**
 * What a valid session token lets its holder do: stream audio of this call, in this mode, format, framing,
 * playout and dialect, via this upstream. {@code externalCallId} is GO's CallID (the GO dialect's {@code start}
 * names it).
 */
public record SessionGrant(String callId, String numberId, String externalCallId, SessionMode mode,
        AudioFormat format, Framing framing, PlayoutMode playout, Dialect dialect, URI upstream) {
}
