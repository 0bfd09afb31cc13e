package io.ringline.media.notices;

/** What this instance holds for a call and must hear about from {@code call-events}: sessions, plays. */
public interface CallNoticeHandler {

    /** The call ended ({@code CALL_ENDED} or {@code CALL_MISSED}); told again for an end read twice. */
    void callEnded(String callId);

    /** One of the call's plays ended ({@code CALL_PLAY_FINISHED}). */
    default void playFinished(String callId, String playId, String outcome) {
    }
}
