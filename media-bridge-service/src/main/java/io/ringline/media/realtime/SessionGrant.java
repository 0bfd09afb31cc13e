package io.ringline.media.realtime;

import java.net.URI;

/** What a valid session token lets its holder do: stream audio of this call, in this mode, via this upstream. */
public record SessionGrant(String callId, String numberId, SessionMode mode, URI upstream) {
}
