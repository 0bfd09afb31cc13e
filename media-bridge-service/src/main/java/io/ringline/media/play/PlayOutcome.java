package io.ringline.media.play;

import java.util.Locale;

/** How a play ended (the {@code outcome} of {@code call.play_finished}). */
public enum PlayOutcome {
    /** It played to its end. */
    FINISHED,
    /** {@code DELETE …/play/{playId}}, or the call ended, before it played to its end (or before it started). */
    STOPPED,
    /** Evolution GO refused it when its turn came. */
    FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
