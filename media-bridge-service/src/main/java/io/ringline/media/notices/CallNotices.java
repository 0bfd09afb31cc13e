package io.ringline.media.notices;

/**
 * This instance's view of {@code call-events} for what it holds in memory — realtime sessions and plays. It is read
 * only while something here {@link #hold() holds} it; each {@link CallNoticeHandler} bean is told the notices.
 */
public interface CallNotices {

    /** What a session or a call's plays holds while it needs notices; closing it twice lets go once. */
    @FunctionalInterface
    interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Notices are read from now on until the hold is closed — including a call's end produced while reading starts,
     * or shortly before (see {@code ringline.media.notices.look-back}).
     */
    Hold hold();
}
