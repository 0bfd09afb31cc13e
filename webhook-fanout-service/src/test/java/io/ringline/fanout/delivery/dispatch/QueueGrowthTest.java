package io.ringline.fanout.delivery.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueueGrowthTest {

    private final QueueGrowth growth = new QueueGrowth();

    @Test
    void aSmallQueueNeverAsksForNewPlans() {
        for (long depth = 0; depth < QueueGrowth.MINIMUM; depth += 50) {
            assertThat(growth.grewPastPlans(depth)).as("depth %d", depth).isFalse();
        }
    }

    @Test
    void aBacklogAsksOnceWhenItPassesTheMinimumAndAgainEachTimeItHasGrownFourfold() {
        assertThat(growth.grewPastPlans(10)).isFalse();
        assertThat(growth.grewPastPlans(QueueGrowth.MINIMUM)).isTrue();
        assertThat(growth.grewPastPlans(QueueGrowth.MINIMUM + 1)).isFalse();
        assertThat(growth.grewPastPlans(4 * QueueGrowth.MINIMUM - 1)).isFalse();
        assertThat(growth.grewPastPlans(4 * QueueGrowth.MINIMUM)).isTrue();
        assertThat(growth.grewPastPlans(4 * QueueGrowth.MINIMUM)).as("asked already at this depth").isFalse();
    }

    @Test
    void afterTheQueueDrainsTheNextBacklogAsksAgain() {
        assertThat(growth.grewPastPlans(8_000)).isTrue();
        assertThat(growth.grewPastPlans(3_000)).isFalse();
        assertThat(growth.grewPastPlans(20)).isFalse(); // drained: connections opened now plan on a small queue
        assertThat(growth.grewPastPlans(600)).as("grown past the minimum and 4 × 20").isTrue();
    }
}
