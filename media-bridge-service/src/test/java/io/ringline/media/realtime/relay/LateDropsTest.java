package io.ringline.media.realtime.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A live playout's drops reach the client coalesced, on a clock the test moves: the first at once, then at most one
 * report a second with what was dropped since the last one and the session's total; nothing while nothing drops;
 * what is untold when the session ends is owed at once.
 */
class LateDropsTest {

    static final long MS = 1_000_000;
    /** 20 ms of PCM16 16 kHz. */
    static final long FRAME = 640;

    final LateDrops drops = new LateDrops();

    @Test
    void paceAfterPaceWithNothingDroppedReportsNothing() {
        for (long t = 0; t < 3_000; t += 20) {
            assertThat(drops.paced(0, t * MS)).isNull();
        }
    }

    @Test
    void theFirstDropIsToldAtOnceAndLaterOnesAddedUpAtMostOnceASecond() {
        assertThat(drops.paced(5 * FRAME, 100 * MS)).isEqualTo(new LateDrops.Report(100, 100));

        // a client sending faster than real time: a frame dropped every pace, told once the second has passed
        for (long t = 120; t < 1_100; t += 20) {
            assertThat(drops.paced(FRAME, t * MS)).as("at %d ms", t).isNull();
        }
        assertThat(drops.paced(FRAME, 1_100 * MS)).isEqualTo(new LateDrops.Report(1_000, 1_100));

        // drops stop: what is left to tell is told on the first pace past the interval, then nothing more
        assertThat(drops.paced(2 * FRAME, 1_120 * MS)).isNull();
        assertThat(drops.paced(0, 2_080 * MS)).isNull();
        assertThat(drops.paced(0, 2_100 * MS)).isEqualTo(new LateDrops.Report(40, 1_140));
        assertThat(drops.paced(0, 3_200 * MS)).isNull();

        // a drop long after the last report is told at once
        assertThat(drops.paced(FRAME, 9_000 * MS)).isEqualTo(new LateDrops.Report(20, 1_160));
    }

    @Test
    void whatIsStillUntoldWhenTheSessionEndsIsOwedWhateverTheInterval() {
        assertThat(drops.owed()).isNull();
        assertThat(drops.paced(FRAME, 0)).isEqualTo(new LateDrops.Report(20, 20));
        assertThat(drops.paced(3 * FRAME, 100 * MS)).isNull();

        assertThat(drops.owed()).isEqualTo(new LateDrops.Report(60, 80));
        assertThat(drops.owed()).isNull();
    }
}
