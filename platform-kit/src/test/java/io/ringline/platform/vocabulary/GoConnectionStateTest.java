package io.ringline.platform.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** GO's {@code open}/{@code close} read in any case; another state is not guessed at but reported as unknown. */
class GoConnectionStateTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"open, OPEN", "OPEN, OPEN", "close, CLOSE", "Close, CLOSE", "' open ', OPEN"})
    void readsGosSpellingInAnyCase(String wire, GoConnectionState state) {
        assertThat(GoConnectionState.fromWire(wire)).contains(state);
    }

    @ParameterizedTest
    @CsvSource({"OPEN, open", "CLOSE, close"})
    void writesGosSpelling(GoConnectionState state, String wire) {
        assertThat(state.wire()).isEqualTo(wire);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"connecting", "closed", "opened", "unknown"})
    void anyOtherStateIsUnknown(String wire) {
        assertThat(GoConnectionState.fromWire(wire)).isEmpty();
    }
}
