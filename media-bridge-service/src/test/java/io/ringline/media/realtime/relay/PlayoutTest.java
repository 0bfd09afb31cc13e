package io.ringline.media.realtime.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Paced playback on a clock the test moves (no waiting): client audio leaves for GO at real time in 20 ms frames,
 * at most {@code lead} ahead; marks come back once the audio before them has played; {@code clear} drops what
 * waits and names the marks it dropped; the buffer never holds more than its cap.
 */
class PlayoutTest {

    static final long MS = 1_000_000;
    static final long LEAD = 40 * MS;
    /** 200 ms of PCM16 16 kHz. */
    static final long CAP = 6_400;

    final Playout playout = new Playout(CAP, LEAD);
    final List<byte[]> sent = new ArrayList<>();
    final List<String> marks = new ArrayList<>();

    private void drainAt(long millis) {
        playout.drain(millis * MS, sent::add, marks::add);
    }

    private static byte[] millis(int ms) {
        byte[] pcm = new byte[ms * 32];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (byte) i;
        }
        return pcm;
    }

    @Test
    void audioSentFasterThanRealTimeLeavesAtRealTimeInWholeFrames() {
        assertThat(playout.offer(millis(160))).isEqualTo(Playout.Offer.ACCEPTED);

        drainAt(0);
        assertThat(sent).hasSize(2); // 40 ms lead: two 20 ms frames, not the 160 ms the client sent
        assertThat(playout.bufferedMillis()).isEqualTo(120);
        drainAt(0);
        assertThat(sent).as("nothing more until time passes").hasSize(2);

        for (int t = 20; t <= 120; t += 20) { // the pacer's 20 ms ticks: one frame each, GO stays 40 ms ahead
            drainAt(t);
            assertThat(sent).hasSize(2 + t / 20);
        }
        assertThat(sent).allSatisfy(frame -> assertThat(frame).hasSize(Playout.FRAME_BYTES));
        // the frames are the client's audio, in order, cut at 640 bytes
        byte[] joined = new byte[8 * 640];
        for (int i = 0; i < 8; i++) {
            System.arraycopy(sent.get(i), 0, joined, i * 640, 640);
        }
        assertThat(joined).isEqualTo(millis(160));
        assertThat(playout.busy()).isFalse();
    }

    @Test
    void audioSentAtRealTimePassesStraightThrough() {
        for (int t = 0; t < 100; t += 20) {
            playout.offer(millis(20));
            drainAt(t);
            assertThat(sent).hasSize(t / 20 + 1); // each frame leaves as it arrives
        }
    }

    @Test
    void aMarkComesBackOnceTheAudioBeforeItHasPlayed() {
        playout.offer(millis(100));
        playout.mark("greeting");
        playout.offer(millis(40));
        playout.mark("question");

        for (int t = 0; t <= 80; t += 20) {
            drainAt(t);
        }
        assertThat(marks).isEmpty(); // 100 ms of audio started at 0 has not finished playing at 80 ms
        drainAt(99);
        assertThat(marks).isEmpty();
        drainAt(100);
        assertThat(marks).containsExactly("greeting");
        drainAt(120);
        drainAt(139);
        assertThat(marks).containsExactly("greeting");
        drainAt(140);
        assertThat(marks).containsExactly("greeting", "question");
    }

    @Test
    void aMarkWithNothingBeforeItComesBackAtOnce() {
        playout.mark("nothing-queued");
        drainAt(5);
        assertThat(marks).containsExactly("nothing-queued");
    }

    @Test
    void clearDropsWhatWaitsAndNamesTheMarksThatWillNeverPlay() {
        playout.offer(millis(100));
        playout.mark("a");
        playout.offer(millis(60));
        playout.mark("b");
        drainAt(0);
        drainAt(20);
        drainAt(40);
        int sentBeforeClear = sent.size();

        List<String> cleared = playout.clear(50 * MS);

        assertThat(cleared).containsExactly("a", "b");
        assertThat(playout.bufferedMillis()).isZero();
        drainAt(1_000);
        assertThat(sent).hasSize(sentBeforeClear); // nothing more of the cleared audio
        assertThat(marks).isEmpty(); // and a cleared mark is never echoed

        // after a clear, new audio plays from now
        playout.offer(millis(20));
        playout.mark("after");
        drainAt(1_000);
        drainAt(1_020);
        assertThat(marks).containsExactly("after");
    }

    @Test
    void aMarkWhoseAudioWasAlreadyHandedToGoIsStillClearedUntilItHasPlayed() {
        playout.offer(millis(40));
        playout.mark("sent-not-played");
        drainAt(0); // both frames are with GO, the mark waits for 40 ms of playing
        assertThat(sent).hasSize(2);

        assertThat(playout.clear(10 * MS)).containsExactly("sent-not-played");
        drainAt(100);
        assertThat(marks).isEmpty();
    }

    @Test
    void beyondItsCapAudioIsRefusedOnceToldThenSilentlyUntilItFitsAgain() {
        assertThat(playout.offer(millis(200))).isEqualTo(Playout.Offer.ACCEPTED);
        assertThat(playout.offer(millis(20))).isEqualTo(Playout.Offer.REFUSED);
        assertThat(playout.offer(millis(20))).isEqualTo(Playout.Offer.REFUSED_AGAIN);
        assertThat(playout.bufferedMillis()).isEqualTo(200); // the refused audio was not kept

        drainAt(0); // 40 ms leave: room for 40 ms again
        assertThat(playout.offer(millis(40))).isEqualTo(Playout.Offer.ACCEPTED);
        assertThat(playout.offer(millis(20))).isEqualTo(Playout.Offer.REFUSED); // a new overflow is told again
    }

    // --- live playout: the delay is bounded, a burst's backlog is dropped ---

    static final long MAX_DELAY = 100 * MS;

    /** A 20 ms frame whose every byte is {@code n}, so the frames GO gets can be named. */
    private static byte[] frame(int n) {
        byte[] pcm = new byte[Playout.FRAME_BYTES];
        java.util.Arrays.fill(pcm, (byte) n);
        return pcm;
    }

    private List<Integer> sentFrameNumbers() {
        return sent.stream().map(f -> (int) f[0]).toList();
    }

    /**
     * A client streaming at real time stalls for 200 ms (network, client or this instance), then its 200 ms arrive
     * at once. Returns what the playout dropped; then the stream goes on at real time for 200 ms more.
     */
    private long realTimeStreamWithABurst(Playout p) {
        int n = 0;
        for (int t = 0; t < 100; t += 20) {
            p.offer(frame(n++));
            p.drain(t * MS, sent::add, marks::add);
        }
        for (int t = 100; t < 300; t += 20) {
            p.drain(t * MS, sent::add, marks::add); // GO runs dry: nothing came
        }
        for (int i = 0; i < 10; i++) {
            p.offer(frame(n++)); // frames 5..14 in one burst
        }
        long dropped = p.drain(300 * MS, sent::add, marks::add);
        for (int t = 320; t <= 500; t += 20) {
            p.offer(frame(n++)); // frames 15..24, on time again
            dropped += p.drain(t * MS, sent::add, marks::add);
        }
        return dropped;
    }

    @Test
    void aLivePlayoutDropsTheBacklogOfABurstOldestFirstAndThenPassesRealTimeAudioStraightThrough() {
        Playout live = new Playout(CAP, LEAD, MAX_DELAY);

        long dropped = realTimeStreamWithABurst(live);

        // at 300 ms: 2 frames go (the 40 ms lead), 160 ms wait; the newest would play 200 ms late, so the oldest
        // 100 ms (frames 7..11) are dropped and the last three wait: 40 + 60 = 100 ms, the bound
        assertThat(dropped).isEqualTo(5L * Playout.FRAME_BYTES);
        assertThat(sentFrameNumbers()).startsWith(0, 1, 2, 3, 4, 5, 6, 12);
        assertThat(sentFrameNumbers()).doesNotContain(7, 8, 9, 10, 11);
        // after the burst the delay stays at the bound: the stream is 100 ms late, not 200, and nothing else goes
        assertThat(live.bufferedMillis()).isLessThanOrEqualTo(60);
        assertThat(sentFrameNumbers()).containsSubsequence(12, 13, 14, 15, 16, 17, 18, 19, 20);
    }

    @Test
    void aBufferedPlayoutKeepsEveryByteOfTheBurstAndTheDelayItLeaves() {
        long dropped = realTimeStreamWithABurst(playout);

        assertThat(dropped).isZero();
        assertThat(sentFrameNumbers()).startsWith(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        // every frame after the burst waits behind it: 160 ms stay queued for the rest of the stream
        assertThat(playout.bufferedMillis()).isEqualTo(160);
    }

    @Test
    void aMarkWhoseAudioALivePlayoutDroppedCountsAsPlayed() {
        Playout live = new Playout(CAP, LEAD, MAX_DELAY);
        live.offer(millis(100));
        live.mark("skipped");
        live.offer(millis(100));

        long dropped = live.drain(0, sent::add, marks::add);

        // 40 ms leave; 160 ms wait, the newest 200 ms late: the 60 ms before the mark and 40 ms after it go
        assertThat(dropped).isEqualTo(100L * 32);
        assertThat(marks).isEmpty(); // due when the audio already with GO has played
        live.drain(40 * MS, sent::add, marks::add);
        assertThat(marks).containsExactly("skipped");
        assertThat(live.bufferedMillis()).isEqualTo(20); // 60 ms waited; at 40 ms GO was due two frames again
    }
}
