package io.ringline.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.ringline.bench.media.FrameFlow;
import io.ringline.bench.media.StampedFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The media ledger: sessions offered = opened + failed, every terminated call's end arrives, and a frame that was
 * not sent, came twice or out of order, or is not ours unbalances the books; frames sent and never received are
 * dropped frames, counted — and found as gaps in a session's sequence.
 */
class MediaLedgerTest {

    private final MediaLedger ledger = new MediaLedger();
    private final FrameFlow up = new FrameFlow();
    private final FrameFlow down = new FrameFlow();

    @Test
    void sessionsOpenedOrFailedWithTheirCallsEndedAndFramesInOrderBalance() {
        ledger.offered();
        webhook("call.connected", "call_1"); // before the POST's answer
        ledger.accepted("call_1");
        ledger.opened();
        ledger.offered();
        ledger.failed("POST /v1/calls 503");
        send(up, 0, 1);
        send(up, 0, 2);
        send(down, 0, 1);
        webhook("call.ended", "call_1");

        MediaLedger.Tally tally = ledger.tally(0, up, down, 0);
        assertThat(tally.failures()).containsEntry("POST /v1/calls 503", 1L);
        assertThat(tally.droppedFrames()).isZero();
        assertThat(tally.balanced()).isTrue();
        assertThat(ledger.connected("call_1").block(Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void aFrameNeverReceivedIsDroppedAndSeenAsAGapWithoutUnbalancingTheBooks() {
        up.sent();
        up.sent();
        up.sent();
        receive(up, 0, 1);
        receive(up, 0, 3); // 2 never arrived

        assertThat(up.counts().gaps()).isEqualTo(1);
        MediaLedger.Tally tally = ledger.tally(0, up, down, 0);
        assertThat(tally.droppedFrames()).isEqualTo(1);
        assertThat(tally.balanced()).isTrue();
    }

    @Test
    void aDuplicateAForeignFrameAMissingEndOrAnUnansweredSessionUnbalanceTheBooks() {
        send(down, 1, 1);
        down.sent();
        receive(down, 1, 1); // twice
        assertThat(ledger.tally(0, up, down, 0).balanced()).isFalse();

        FrameFlow foreign = new FrameFlow();
        foreign.sent();
        foreign.received(null, 640, System.nanoTime()); // the provider's tone, not one of ours
        assertThat(ledger.tally(0, foreign, new FrameFlow(), 0).balanced()).isFalse();

        MediaLedger ends = new MediaLedger();
        ends.offered();
        ends.accepted("call_2");
        ends.opened();
        assertThat(ends.tally(0, new FrameFlow(), new FrameFlow(), 0).callsEndedMissing()).isEqualTo(1);
        assertThat(ends.tally(0, new FrameFlow(), new FrameFlow(), 0).balanced()).isFalse();

        MediaLedger unanswered = new MediaLedger();
        unanswered.offered(); // neither opened nor failed
        assertThat(unanswered.tally(0, new FrameFlow(), new FrameFlow(), 0).balanced()).isFalse();

        assertThat(new MediaLedger().tally(0, new FrameFlow(), new FrameFlow(), 1).balanced())
                .as("the bridge connected for a session nobody asked for").isFalse();
    }

    private static void send(FrameFlow flow, int session, long seq) {
        flow.sent();
        receive(flow, session, seq);
    }

    private static void receive(FrameFlow flow, int session, long seq) {
        byte[] frame = StampedFrame.make(session, seq, System.nanoTime());
        flow.received(StampedFrame.read(Unpooled.wrappedBuffer(frame)), frame.length, System.nanoTime());
    }

    private void webhook(String event, String callId) {
        ledger.handle("/media/0", new DefaultHttpHeaders(), ("{\"id\":\"evt\",\"event\":\"" + event
                + "\",\"callId\":\"" + callId + "\"}").getBytes(StandardCharsets.UTF_8), System.nanoTime());
    }
}
