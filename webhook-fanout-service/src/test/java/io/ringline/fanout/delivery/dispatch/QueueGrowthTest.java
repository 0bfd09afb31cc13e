package io.ringline.fanout.delivery.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueueGrowthTest {

    private final QueueGrowth growth = new QueueGrowth();

    /** As the backlog gauge does: each time plans are asked for, they are made. */
    private boolean read(long queued) {
        boolean outgrown = growth.outgrown(queued);
        if (outgrown) {
            growth.replannedAt(queued);
        }
        return outgrown;
    }

    @Test
    void aSmallQueueNeverAsksForNewPlans() {
        for (long queued = 0; queued < QueueGrowth.MINIMUM; queued += 50) {
            assertThat(read(queued)).as("%d queued", queued).isFalse();
        }
    }

    @Test
    void aBacklogAsksOnceWhenItPassesTheMinimumAndAgainEachTimeItHasGrownFourfold() {
        assertThat(read(10)).isFalse();
        assertThat(read(QueueGrowth.MINIMUM)).isTrue();
        assertThat(read(QueueGrowth.MINIMUM + 1)).isFalse();
        assertThat(read(4 * QueueGrowth.MINIMUM - 1)).isFalse();
        assertThat(read(4 * QueueGrowth.MINIMUM)).isTrue();
        assertThat(read(4 * QueueGrowth.MINIMUM)).as("planned at this size already").isFalse();
    }

    @Test
    void afterTheQueueDrainsTheNextBacklogAsksAgain() {
        assertThat(read(8_000)).isTrue();
        assertThat(read(3_000)).isFalse();
        assertThat(read(20)).isFalse(); // drained: connections opened now plan on a small queue
        assertThat(read(600)).as("grown past the minimum and 4 × 20").isTrue();
    }

    @Test
    void plansThatWereNotMadeAreAskedForAgain() {
        assertThat(growth.outgrown(5_000)).isTrue(); // the ANALYZE failed: replannedAt never called
        assertThat(growth.outgrown(5_000)).isTrue();
    }
}
