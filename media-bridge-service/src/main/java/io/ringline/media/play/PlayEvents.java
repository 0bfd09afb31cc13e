package io.ringline.media.play;

import io.ringline.platform.internalapi.NumberContextBody;
import reactor.core.publisher.Mono;

/** Where a play's end is reported, so the call's owner can tell the tenant ({@code call.play_finished}). */
public interface PlayEvents {

    /** Completes once the report is durable (it reaches the signaling service even if this process dies). */
    Mono<Void> finished(NumberContextBody number, String callId, String externalCallId, String playId,
            PlayOutcome outcome);
}
