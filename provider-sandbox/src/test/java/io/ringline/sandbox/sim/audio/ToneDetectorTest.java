package io.ringline.sandbox.sim.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import io.ringline.sandbox.support.TestTones;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToneDetectorTest {

    @ParameterizedTest(name = "{0} Hz at {1} Hz sampling")
    @CsvSource({"440, 48000", "880, 48000", "440, 16000", "880, 16000", "1000, 8000", "300, 44100"})
    void aSteadyToneIsFoundToTheNearestTenHertz(int hz, int rate) {
        ToneDetector detector = new ToneDetector();
        int chunk = rate / 100; // 10 ms pushes, as WebRTC delivers them
        for (int i = 0; i < 100; i++) {
            detector.acceptMono(TestTones.sine(hz, rate, chunk, (long) i * chunk), rate);
        }
        ToneDetector.View heard = detector.view();
        assertThat(heard.windows()).isEqualTo(10);
        assertThat(heard.toneWindows()).isEqualTo(10);
        assertThat(heard.toneHz()).isEqualTo(hz);
        assertThat(heard.lastToneHz()).isEqualTo(hz);
    }

    @Test
    void silenceAndNoiseAreNoTone() {
        ToneDetector detector = new ToneDetector();
        detector.acceptMono(new byte[48_000 * 2], 48_000); // 1 s of silence
        Random random = new Random(7);
        byte[] noise = new byte[48_000 * 2];
        ByteBuffer samples = ByteBuffer.wrap(noise).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 48_000; i++) {
            samples.putShort((short) (random.nextGaussian() * 6000));
        }
        detector.acceptMono(noise, 48_000);
        ToneDetector.View heard = detector.view();
        assertThat(heard.windows()).isEqualTo(20);
        assertThat(heard.silentWindows()).isEqualTo(10);
        assertThat(heard.toneWindows()).isZero();
        assertThat(heard.toneHz()).isNull();
    }

    @Test
    void onlyTheFirstChannelOfInterleavedAudioCounts() {
        ToneDetector detector = new ToneDetector();
        byte[] left = TestTones.sine(440, 48_000, 4800, 0);
        byte[] stereo = new byte[left.length * 2];
        for (int i = 0; i < 4800; i++) {
            stereo[4 * i] = left[2 * i];
            stereo[4 * i + 1] = left[2 * i + 1];
        }
        detector.accept(stereo, 4800, 2, 48_000);
        assertThat(detector.view().toneHz()).isEqualTo(440);
    }
}
