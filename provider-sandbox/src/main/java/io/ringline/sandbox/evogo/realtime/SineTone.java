package io.ringline.sandbox.evogo.realtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The simulated user's "voice": a 440 Hz sine, PCM16 little-endian mono at 16 kHz, in 20 ms frames. 440 Hz fits
 * exactly 44 periods into 1600 samples (5 frames), so five precomputed frames repeat without a phase jump.
 */
final class SineTone {

    public static final int SAMPLE_RATE = 16_000;
    public static final int SAMPLES_PER_FRAME = 320;
    public static final int FRAME_BYTES = SAMPLES_PER_FRAME * 2;

    private static final double FREQUENCY = 440;
    private static final double AMPLITUDE = 0.25 * Short.MAX_VALUE;
    private static final int CYCLE_FRAMES = 5;
    private static final byte[][] FRAMES = precompute();

    private SineTone() {
    }

    /** The {@code index}-th frame of the tone (a fresh copy: the caller may hand it to a buffer it releases). */
    public static byte[] frame(long index) {
        return FRAMES[(int) (index % CYCLE_FRAMES)].clone();
    }

    private static byte[][] precompute() {
        byte[][] frames = new byte[CYCLE_FRAMES][];
        for (int f = 0; f < CYCLE_FRAMES; f++) {
            ByteBuffer frame = ByteBuffer.allocate(FRAME_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < SAMPLES_PER_FRAME; i++) {
                long n = (long) f * SAMPLES_PER_FRAME + i;
                frame.putShort((short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * FREQUENCY * n / SAMPLE_RATE)));
            }
            frames[f] = frame.array();
        }
        return frames;
    }
}
