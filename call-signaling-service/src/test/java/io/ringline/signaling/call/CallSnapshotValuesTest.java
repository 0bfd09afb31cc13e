package io.ringline.signaling.call;

import static io.ringline.signaling.call.Calls.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringline.signaling.number.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The small values a {@link CallSnapshot} is made of refuse what cannot be true of a call. */
class CallSnapshotValuesTest {

    @ParameterizedTest
    @EnumSource(value = CallStatus.class, names = {"INITIATED", "RINGING", "ACCEPTED"})
    void aCallStillGoingHasNoEndReasonNorDuration(CallStatus going) {
        assertThat(Progress.of(going).endReason()).isNull();
        assertThatThrownBy(() -> new Progress(going, EndReason.HANGUP, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no end reason or duration yet");
        assertThatThrownBy(() -> new Progress(going, null, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no end reason or duration yet");
    }

    @ParameterizedTest
    @EnumSource(value = CallStatus.class, names = {"COMPLETED", "REJECTED", "FAILED", "MISSED"})
    void anEndedCallMayCarryWhyAndHowLong(CallStatus ended) {
        Progress progress = new Progress(ended, EndReason.HANGUP, 42);
        assertThat(progress.durationSeconds()).isEqualTo(42);
        assertThatThrownBy(() -> new Progress(ended, EndReason.HANGUP, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void everyPartIsRequiredWhereACallAlwaysHasIt() {
        assertThatThrownBy(() -> new Progress(null, null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Peer.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Timeline(null, T0, null, null, T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Timeline(T0, T0, null, null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Revision(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Revision(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallSnapshot("call_1", Calls.number(Provider.META), Direction.INBOUND,
                Peer.of("+5511999990000"), null, null, null, Sdp.offered(null), Timeline.started(T0, T0),
                Revision.NEW)).isInstanceOf(NullPointerException.class).hasMessage("progress");
    }

    @Test
    void aNewCallStartsUnansweredAtRevisionZero() {
        Timeline times = Timeline.started(T0.minusSeconds(2), T0);
        assertThat(times.createdAt()).isEqualTo(T0);
        assertThat(times.updatedAt()).isEqualTo(T0);
        assertThat(times.startedAt()).isEqualTo(T0.minusSeconds(2));
        assertThat(times.connectedAt()).isNull();
        assertThat(times.endedAt()).isNull();
        assertThat(Revision.NEW).isEqualTo(new Revision(0, 0));
        assertThat(Sdp.offered("v=0").answer()).isNull();
    }

    @Test
    void theFlatReadsOfASnapshotComeFromItsParts() {
        Call.Opened opened = Call.receiveInbound("call_1", Calls.number(Provider.EVO_GO), "wacid.1", "+5511999990000",
                "5511999990000@s.whatsapp.net", "v=0", T0.minusSeconds(1), T0);
        CallSnapshot s = opened.call().snapshot();
        assertThat(s.peer()).isEqualTo(new Peer("+5511999990000", "5511999990000@s.whatsapp.net"));
        assertThat(s.peerNumber()).isEqualTo(s.peer().number());
        assertThat(s.peerRef()).isEqualTo(s.peer().ref());
        assertThat(s.status()).isEqualTo(CallStatus.RINGING).isEqualTo(s.progress().status());
        assertThat(s.sdpOffer()).isEqualTo("v=0").isEqualTo(s.sdp().offer());
        assertThat(s.startedAt()).isEqualTo(T0.minusSeconds(1)).isEqualTo(s.times().startedAt());
        assertThat(s.eventSequence()).isEqualTo(1).isEqualTo(s.revision().eventSequence());
        assertThat(s.version()).isZero();
    }
}
