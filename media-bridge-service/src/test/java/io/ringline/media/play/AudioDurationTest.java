package io.ringline.media.play;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.media.support.AudioFiles;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** How long each kind of file plays, read from its bytes. */
class AudioDurationTest {

    @Test
    void wavFromItsByteRateAndDataSize() {
        assertThat(AudioDuration.of(AudioType.WAV, AudioFiles.wav(1500, 16_000))).contains(Duration.ofMillis(1500));
        assertThat(AudioDuration.of(AudioType.WAV, AudioFiles.wav(250, 8_000))).contains(Duration.ofMillis(250));
    }

    @Test
    void mp3ByWalkingItsFramesAfterTheId3Tag() {
        assertThat(AudioDuration.of(AudioType.MPEG, AudioFiles.mp3(100)))
                .contains(Duration.ofNanos(AudioFiles.mp3Nanos(100)));
    }

    @Test
    void oggOpusFromTheLastGranuleLessThePreSkip() {
        assertThat(AudioDuration.of(AudioType.OGG, AudioFiles.oggOpus(2000))).contains(Duration.ofSeconds(2));
    }

    @Test
    void filesThatDoNotSayHaveNoDuration() {
        assertThat(AudioDuration.of(AudioType.WAV, Arrays.copyOf(AudioFiles.wav(1000, 16_000), 20))).isEmpty();
        assertThat(AudioDuration.of(AudioType.MPEG, new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 10})).isEmpty();
        assertThat(AudioDuration.of(AudioType.OGG, Arrays.copyOf(AudioFiles.oggOpus(1000), 30))).isEmpty();
    }
}
