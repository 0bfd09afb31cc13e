package io.ringline.sandbox.evogo.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/** The simulated voice is 20 ms PCM16 LE mono frames of a continuous 440 Hz sine. */
class SineToneTest {

    @Test
    void framesAre640BytesOfAContinuous440HzSine() {
        short[] samples = new short[SineTone.SAMPLES_PER_FRAME * 10];
        for (int f = 0; f < 10; f++) {
            byte[] frame = SineTone.frame(f);
            assertThat(frame).hasSize(640);
            ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer()
                    .get(samples, f * SineTone.SAMPLES_PER_FRAME, SineTone.SAMPLES_PER_FRAME);
        }
        for (int n = 0; n < samples.length; n++) {
            double expected = 0.25 * Short.MAX_VALUE * Math.sin(2 * Math.PI * 440 * n / 16_000.0);
            assertThat((double) samples[n]).as("sample %d", n).isCloseTo(expected, offset(1.0));
        }
        int max = 0;
        for (short sample : samples) {
            max = Math.max(max, Math.abs(sample));
        }
        assertThat(max).isBetween(8000, 8200);
    }
}
