package io.ringline.fanout.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventSelectionTest {

    @ParameterizedTest
    @EnumSource(EventName.class)
    void wildcardSelectsEveryEventAndEmptySelectsNone(EventName event) {
        assertThat(EventSelection.of(List.of("*")).includes(event)).isTrue();
        assertThat(EventSelection.of(List.of()).includes(event)).isFalse();
        assertThat(EventSelection.of(List.of(event.wire())).includes(event)).isTrue();
    }

    @Test
    void rejectsUnknownNamesAndDropsDuplicates() {
        assertThatThrownBy(() -> EventSelection.of(List.of("call.ringing", "call.ringin")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1]").hasMessageContaining("call.ringin");
        assertThat(EventSelection.of(List.of("calls", "call.ended", "calls")).names())
                .containsExactly("calls", "call.ended");
    }

    @Test
    void wireNamesAreTheSpecOnes() {
        assertThat(List.of(EventName.values())).extracting(EventName::wire).containsExactly("call.ringing",
                "call.connected", "call.ended", "call.missed", "call.permission_updated", "call.play_finished",
                "calls");
    }
}
