package io.ringline.bench.campaign;

import java.time.Instant;

/**
 * One injected fault: what and where, when it was injected, when it was lifted (the moment of the kill for a kill —
 * the supervisor is the remedy — the {@code SIGCONT}, the broker's or database's start, the sandbox switch cleared)
 * and when the platform served a whole call again (null: not within the deadline).
 *
 * @param detail e.g. the pid killed, how long the fault was held
 */
record FaultRecord(int round, FaultKind kind, String target, Instant injectedAt, Instant liftedAt,
        Instant recoveredAt, String detail) {

    /** Lifted → a probe call completed end to end; null when it never recovered. */
    Long recoveryMs() {
        return recoveredAt == null ? null : recoveredAt.toEpochMilli() - liftedAt.toEpochMilli();
    }
}
