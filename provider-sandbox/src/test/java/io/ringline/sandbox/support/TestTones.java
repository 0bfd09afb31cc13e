package io.ringline.sandbox.support;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Known tones as PCM16 LE mono, for tests that check what the sandbox heard. */
public final class TestTones {

    private TestTones() {
    }

    /** {@code samples} of a sine at a quarter of full scale, starting at sample {@code from}. */
    public static byte[] sine(int hz, int rate, int samples, long from) {
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            pcm.putShort((short) Math.round(0.25 * Short.MAX_VALUE * Math.sin(2 * Math.PI * hz * (from + i) / rate)));
        }
        return pcm.array();
    }
}
