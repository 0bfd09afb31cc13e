package io.ringline.media.livecall;

/** What a call event does to the set of live calls; switched exhaustively where it is applied. */
public sealed interface LiveCallChange {

    /** The call connected: its audio is now reachable. */
    record Track(LiveCall call) implements LiveCallChange {
    }

    /** The call is over. */
    record Release(String callId) implements LiveCallChange {
    }

    /** Nothing for the media bridge (META calls, ringing, permission and raw events). */
    record Ignore() implements LiveCallChange {
    }

    /**
     * The rule, as a table: only EVO_GO calls have server-side media, so only they are tracked; they
     * become live when connected and stop being live when they end or are missed.
     */
    static LiveCallChange of(CallUpdate update) {
        if (!CallUpdate.EVO_GO.equals(update.provider())) {
            return new Ignore();
        }
        return switch (update.kind()) {
            case CONNECTED -> new Track(new LiveCall(update.callId(), update.numberId(), update.tenantId(),
                    update.provider(), update.externalCallId(), update.peerNumber(), update.occurredAt()));
            case ENDED, MISSED -> new Release(update.callId());
            case OTHER -> new Ignore();
        };
    }
}
