package io.ringline.fanout.delivery.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointSlotsTest {

    @Test
    void boundsEachEndpointSeparately() {
        EndpointSlots slots = new EndpointSlots(2);
        assertThat(slots.tryAcquire("a")).isTrue();
        assertThat(slots.tryAcquire("a")).isTrue();
        assertThat(slots.tryAcquire("a")).isFalse();
        assertThat(slots.tryAcquire("b")).isTrue();
        assertThat(slots.busyFree()).isEqualTo(Map.of("a", 0, "b", 1));

        slots.release("a");
        slots.release("b");
        assertThat(slots.busyFree()).isEqualTo(Map.of("a", 1));
        assertThat(slots.inUse("a")).isEqualTo(1);
        assertThat(slots.inUse("b")).isZero();
        assertThat(slots.tryAcquire("a")).isTrue();
    }

    @Test
    void aReleaseSaysWhetherEveryOneOfTheKeysSlotsWasTaken() {
        EndpointSlots slots = new EndpointSlots(2);
        slots.tryAcquire("a");
        slots.tryAcquire("a");
        slots.tryAcquire("b");
        assertThat(slots.release("a")).as("a was full: a claim may have left its work behind").isTrue();
        assertThat(slots.release("a")).isFalse();
        assertThat(slots.release("b")).isFalse();
        assertThat(slots.release("c")).as("a key with nothing running").isFalse();
    }
}
