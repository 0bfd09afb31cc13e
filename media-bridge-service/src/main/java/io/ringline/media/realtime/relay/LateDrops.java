package io.ringline.media.realtime.relay;

/**
 * What a live playout dropped, told to its client at most once per {@link #INTERVAL_NANOS} (docs/api.md
 * {@code dropped}): the first drop at once, later ones added up and told on the first pace after the interval —
 * a client streaming faster than real time would otherwise be sent a message every 20 ms. {@code totalMs} counts the
 * whole session, so a client that reads any report knows everything dropped before it; what is still untold when
 * the session ends goes out just before its {@code stop}.
 *
 * <p>Not thread-safe: the {@link Relay} calls it under its pacing lock.
 */
final class LateDrops {

    static final long INTERVAL_NANOS = 1_000_000_000L;

    /** Milliseconds dropped since the last report, and in the whole session. */
    record Report(long ms, long totalMs) {
    }

    private long unreportedBytes;
    private long totalBytes;
    private long lastReportNanos;
    private boolean reported;

    /**
     * Adds what one pace dropped ({@code bytes} of PCM16 16 kHz, 0 when nothing) and says whether a report is due.
     *
     * @return the report to send now, or {@code null}
     */
    Report paced(long bytes, long nowNanos) {
        unreportedBytes += bytes;
        totalBytes += bytes;
        if (unreportedBytes == 0 || reported && nowNanos - lastReportNanos < INTERVAL_NANOS) {
            return null;
        }
        reported = true;
        lastReportNanos = nowNanos;
        Report report = new Report(millis(unreportedBytes), millis(totalBytes));
        unreportedBytes = 0;
        return report;
    }

    /** What is still untold, whatever the interval — the session is ending; {@code null} when nothing is. */
    Report owed() {
        if (unreportedBytes == 0) {
            return null;
        }
        Report report = new Report(millis(unreportedBytes), millis(totalBytes));
        unreportedBytes = 0;
        return report;
    }

    private static long millis(long bytes) {
        return bytes * Playout.NANOS_PER_BYTE / 1_000_000;
    }
}
