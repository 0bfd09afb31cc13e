package io.ringline.platform.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Meta's three permission statuses read in any case and written in Meta's lower case; nothing else is one. */
class CallPermissionStatusTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "no_permission, NO_PERMISSION",
        "NO_PERMISSION, NO_PERMISSION",
        "temporary, TEMPORARY",
        "Temporary, TEMPORARY",
        "permanent, PERMANENT",
        "PERMANENT, PERMANENT",
    })
    void readsMetasSpellingInAnyCase(String wire, CallPermissionStatus status) {
        assertThat(CallPermissionStatus.fromWire(wire)).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} ↔ wire")
    @CsvSource({"NO_PERMISSION, no_permission", "TEMPORARY, temporary", "PERMANENT, permanent"})
    void writesMetasSpelling(CallPermissionStatus status, String wire) {
        assertThat(status.wire()).isEqualTo(wire);
        assertThat(CallPermissionStatus.fromWire(status.wire())).isEqualTo(status);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"granted", "no permission", "unknown"})
    void refusesAnythingElseNamingTheValue(String wire) {
        assertThatThrownBy(() -> CallPermissionStatus.fromWire(wire)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown call permission status: " + wire);
    }
}
