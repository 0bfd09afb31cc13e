package io.ringline.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.bench.media.FrameFlow;
import org.junit.jupiter.api.Test;

/**
 * A media step's verdict: every session open, nothing lost on the way to the client, and at most 1 % of the frames
 * to GO dropped late by the live playout (a stall costs audio, and a little of it is what conversational voice
 * tolerates; more is a step the bridge did not keep up with).
 */
class MediaVerdictTest {

    private static FrameFlow.Counts toGo(long sent, long gaps) {
        return new FrameFlow.Counts(sent, sent - gaps, (sent - gaps) * 640, gaps, 0, 0);
    }

    @Test
    void aStepWithEverySessionOpenAndAtMostOnePercentDroppedLateIsSustained() {
        assertThat(MediaScenario.verdict(100, 100, toGo(10_000, 0), 0, 20_000)).isNull();
        assertThat(MediaScenario.verdict(100, 100, toGo(10_000, 100), 0, 20_000)).isNull();
    }

    @Test
    void moreThanOnePercentDroppedLateIsNot() {
        assertThat(MediaScenario.verdict(100, 100, toGo(10_000, 101), 0, 20_000))
                .isEqualTo("1.01 % of the frames to GO dropped late > 1.00 %");
    }

    @Test
    void aFrameLostOnTheWayToTheClientOrASessionNotOpenIsNever() {
        assertThat(MediaScenario.verdict(100, 100, toGo(10_000, 0), 1, 20_000))
                .isEqualTo("1 frames to the client lost");
        assertThat(MediaScenario.verdict(100, 99, toGo(10_000, 0), 0, 20_000))
                .isEqualTo("1 of 100 sessions not open");
        assertThat(MediaScenario.verdict(100, 100, toGo(0, 0), 0, 0)).isEqualTo("no frame relayed");
    }
}
