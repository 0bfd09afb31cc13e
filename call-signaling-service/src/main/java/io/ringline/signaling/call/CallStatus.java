package io.ringline.signaling.call;

/** Where a call is in its life; the last four are terminal and never change again. */
public enum CallStatus {
    INITIATED,
    RINGING,
    ACCEPTED,
    COMPLETED,
    REJECTED,
    FAILED,
    MISSED;

    public boolean isTerminal() {
        return switch (this) {
            case INITIATED, RINGING, ACCEPTED -> false;
            case COMPLETED, REJECTED, FAILED, MISSED -> true;
        };
    }
}
