package io.ringline.media.realtime.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The instance's bound on queued bytes: up to the cap anyone may queue; over it, only a session within its share. */
class InstanceBuffersTest {

    private final InstanceBuffers buffers = new InstanceBuffers(1000);

    @Test
    void underTheCapEverySessionQueuesWhateverItHolds() {
        open(2);

        assertThat(buffers.admit(900, 600)).as("its own bound is the relay's business").isTrue();
        assertThat(buffers.admit(0, 400)).isTrue();
        assertThat(buffers.queuedBytes()).isEqualTo(1000);
    }

    @Test
    void overTheCapOnlyASessionWithinItsShareQueuesAndARefusalCountsNothing() {
        open(4); // a share of 250 each
        assertThat(buffers.admit(0, 1000)).isTrue();

        assertThat(buffers.admit(300, 10)).as("a session already past its share").isFalse();
        assertThat(buffers.queuedBytes()).isEqualTo(1000);
        assertThat(buffers.admit(200, 50)).as("one still within it").isTrue();
        assertThat(buffers.admit(200, 51)).as("not past it by this frame either").isFalse();
        assertThat(buffers.queuedBytes()).isEqualTo(1050);
    }

    @Test
    void releasedBytesAndClosedSessionsMakeRoomAgain() {
        open(2); // a share of 500 each
        assertThat(buffers.admit(0, 1000)).isTrue();
        assertThat(buffers.admit(600, 10)).isFalse();

        buffers.release(500);
        assertThat(buffers.admit(600, 10)).as("under the cap again").isTrue();
        assertThat(buffers.admit(0, 490)).isTrue();
        assertThat(buffers.admit(600, 100)).as("at the cap again, and past its share").isFalse();

        buffers.closed(); // one session left: its share is the whole cap
        assertThat(buffers.admit(600, 100)).isTrue();
        assertThat(buffers.queuedBytes()).isEqualTo(1100);
    }

    private void open(int sessions) {
        for (int i = 0; i < sessions; i++) {
            buffers.opened();
        }
    }
}
