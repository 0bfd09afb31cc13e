package io.ringline.media.realtime.relay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Client audio on its way into the call, paced at real time (SPEC §6.3 "paced playback"): a client may send
 * faster than real time; audio goes to Evolution GO in 20 ms frames, never more than {@code lead} ahead of the
 * wall clock, and what waits is bounded by {@code capBytes} (beyond it audio is refused, never buffered). Marks
 * sit between the audio: one is due when the audio queued before it has been played (sent, and its playing time
 * elapsed). {@code clear} drops the waiting audio and every mark not yet played. Audio sent at real time passes
 * straight through: a frame goes out at once whenever GO is not already {@code lead} ahead.
 *
 * <p>A <em>live</em> playout also bounds the delay: audio that would reach GO more than {@code maxDelay} after it
 * is due — a backlog the client did not ask for, left by a stall of the network, the client or this instance after
 * which audio arrives in a burst — is dropped, oldest first, instead of delaying everything after it for the rest of
 * the call. A mark whose audio was dropped that way counts as played (the conversation has moved past it). A buffered
 * playout ({@code maxDelay} unbounded) keeps every byte, as a client sending faster than real time expects.
 *
 * <p>Thread-safe (the client's thread offers, the {@link Pacer}'s thread drains); {@link #drain} hands frames and
 * played marks to its consumers while holding the lock, so they leave in order.
 */
final class Playout {

    /** 20 ms of PCM16 16 kHz: what goes to GO per frame. */
    static final int FRAME_BYTES = 640;
    /** Nanoseconds of playing time per byte of PCM16 16 kHz mono (32 000 bytes per second). */
    static final long NANOS_PER_BYTE = 31_250;

    enum Offer {
        /** Queued (or sent). */
        ACCEPTED,
        /** Refused: the buffer is full; the first refusal since audio last fitted, which the client is told. */
        REFUSED,
        /** Refused again, already told. */
        REFUSED_AGAIN
    }

    private record Mark(String name) {
    }

    private record DueMark(String name, long dueNanos) {
    }

    private final long capBytes;
    private final long leadNanos;
    private final long maxDelayNanos;
    private final ArrayDeque<Object> pending = new ArrayDeque<>(); // byte[] audio or Mark
    private final ArrayDeque<DueMark> sentMarks = new ArrayDeque<>();
    private long pendingBytes;
    private long playheadNanos;
    private boolean started;
    private boolean refusing;

    /** A buffered playout: every byte offered within {@code capBytes} is played, however late. */
    Playout(long capBytes, long leadNanos) {
        this(capBytes, leadNanos, Long.MAX_VALUE);
    }

    /** @param maxDelayNanos longest wait before audio is played; older audio is dropped ({@code MAX_VALUE}: none) */
    Playout(long capBytes, long leadNanos, long maxDelayNanos) {
        this.capBytes = capBytes;
        this.leadNanos = leadNanos;
        this.maxDelayNanos = maxDelayNanos;
    }

    synchronized Offer offer(byte[] pcm) {
        if (pendingBytes + pcm.length > capBytes) {
            if (refusing) {
                return Offer.REFUSED_AGAIN;
            }
            refusing = true;
            return Offer.REFUSED;
        }
        refusing = false;
        if (pcm.length > 0) {
            pending.add(pcm);
            pendingBytes += pcm.length;
        }
        return Offer.ACCEPTED;
    }

    synchronized void mark(String name) {
        pending.add(new Mark(name));
    }

    /** Drops the waiting audio; returns the names of the marks that will now never be played, in order. */
    synchronized List<String> clear(long nowNanos) {
        List<String> cleared = new ArrayList<>();
        sentMarks.forEach(mark -> cleared.add(mark.name()));
        pending.forEach(item -> {
            if (item instanceof Mark mark) {
                cleared.add(mark.name());
            }
        });
        sentMarks.clear();
        pending.clear();
        pendingBytes = 0;
        refusing = false;
        playheadNanos = nowNanos; // GO is told to clear too, so nothing of ours is still playing
        return cleared;
    }

    /** Milliseconds of audio waiting (not yet sent to GO). */
    synchronized long bufferedMillis() {
        return pendingBytes * NANOS_PER_BYTE / 1_000_000;
    }

    /**
     * Sends what is due at {@code nowNanos}: frames while GO is less than {@code lead} ahead, then (live) drops what
     * would wait longer than {@code maxDelay}, then the marks whose audio has played.
     *
     * @return bytes of audio dropped by the live bound (0 for a buffered playout)
     */
    synchronized long drain(long nowNanos, Consumer<byte[]> toUpstream, Consumer<String> markPlayed) {
        if (!started || playheadNanos < nowNanos) {
            playheadNanos = nowNanos; // GO ran dry: what comes next starts playing now
            started = true;
        }
        while (!pending.isEmpty()) {
            Object head = pending.peek();
            if (head instanceof Mark mark) {
                pending.poll();
                sentMarks.add(new DueMark(mark.name(), playheadNanos));
                continue;
            }
            if (playheadNanos - nowNanos >= leadNanos) {
                break;
            }
            byte[] audio = (byte[]) head;
            byte[] frame;
            if (audio.length <= FRAME_BYTES) {
                frame = audio;
                pending.poll();
            } else {
                frame = Arrays.copyOf(audio, FRAME_BYTES);
                pending.poll();
                pending.addFirst(Arrays.copyOfRange(audio, FRAME_BYTES, audio.length));
            }
            pendingBytes -= frame.length;
            playheadNanos += frame.length * NANOS_PER_BYTE;
            toUpstream.accept(frame);
        }
        long dropped = dropLate(nowNanos);
        while (!sentMarks.isEmpty() && sentMarks.peek().dueNanos() <= nowNanos) {
            markPlayed.accept(sentMarks.poll().name());
        }
        return dropped;
    }

    /**
     * Live only: the newest audio waiting would start playing {@code (playhead − now) + waiting} from now; beyond
     * {@code maxDelay} the oldest waiting audio goes, whole 20 ms frames at a time, and the marks it passes are due
     * now.
     */
    private long dropLate(long nowNanos) {
        long excessNanos = playheadNanos - nowNanos + pendingBytes * NANOS_PER_BYTE - maxDelayNanos;
        if (maxDelayNanos == Long.MAX_VALUE || excessNanos <= 0) {
            return 0;
        }
        // whole 20 ms frames: a client sending 20 ms frames keeps its framing (and a jitter buffer drops packets)
        long frameNanos = FRAME_BYTES * NANOS_PER_BYTE;
        long toDrop = (excessNanos + frameNanos - 1) / frameNanos * FRAME_BYTES;
        long dropped = 0;
        while (dropped < toDrop && !pending.isEmpty()) {
            Object head = pending.poll();
            if (head instanceof Mark mark) {
                sentMarks.add(new DueMark(mark.name(), playheadNanos));
                continue;
            }
            byte[] audio = (byte[]) head;
            long take = Math.min(audio.length, toDrop - dropped);
            if (take < audio.length) {
                pending.addFirst(Arrays.copyOfRange(audio, (int) take, audio.length));
            }
            dropped += take;
        }
        pendingBytes -= dropped;
        return dropped;
    }

    /** True while something waits: audio to send or a mark to report. */
    synchronized boolean busy() {
        return !pending.isEmpty() || !sentMarks.isEmpty();
    }
}
