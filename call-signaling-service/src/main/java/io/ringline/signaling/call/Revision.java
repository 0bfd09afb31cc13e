package io.ringline.signaling.call;

/**
 * How far a stored call has come: {@code eventSequence} is the sequence of the last event it produced (the next is
 * one more), {@code version} the optimistic-lock version it was loaded with.
 */
public record Revision(long eventSequence, long version) {

    /** A call never stored, that has produced no event. */
    public static final Revision NEW = new Revision(0, 0);

    public Revision {
        if (eventSequence < 0 || version < 0) {
            throw new IllegalArgumentException("eventSequence and version cannot be negative: " + eventSequence
                    + ", " + version);
        }
    }
}
