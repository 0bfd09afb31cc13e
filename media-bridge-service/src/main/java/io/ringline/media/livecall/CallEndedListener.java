package io.ringline.media.livecall;

/** Told after a call's end (CALL_ENDED / CALL_MISSED) was applied, so whatever streams its audio can stop. */
public interface CallEndedListener {
    void callEnded(String callId);
}
