package io.ringline.bench.media;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * One 20 ms frame of PCM16 16 kHz mono (640 bytes) whose first 24 bytes say which session sent it, its sequence
 * number and the generator's {@link System#nanoTime()} when it was handed to the socket. Both ends of every relayed
 * session are in the generator's JVM, so one clock times the frame across the bridge. The bridge relays the
 * session's own format ({@code pcm16_16k}) unconverted and never splits or merges 640-byte frames, so the stamp
 * arrives intact.
 */
public final class StampedFrame {

    public static final int BYTES = 640;
    static final int MAGIC = 0x52494e47; // "RING"

    /** What a received frame says about itself. */
    public record Stamp(int session, long seq, long sentNanos) {
    }

    private StampedFrame() {
    }

    public static byte[] make(int session, long seq, long sentNanos) {
        byte[] frame = new byte[BYTES];
        ByteBuffer.wrap(frame).putInt(MAGIC).putInt(session).putLong(seq).putLong(sentNanos);
        return frame;
    }

    /** @return the stamp, or null when the frame is not one of ours (wrong length or no magic) */
    public static Stamp read(ByteBuf frame) {
        if (frame.readableBytes() != BYTES) {
            return null;
        }
        int at = frame.readerIndex();
        if (frame.getInt(at) != MAGIC) {
            return null;
        }
        return new Stamp(frame.getInt(at + 4), frame.getLong(at + 8), frame.getLong(at + 16));
    }
}
