package io.ringline.fanout.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Status code → what happens to the delivery, and when Retry-After counts (SPEC §4). */
class AttemptVerdictTest {

    @ParameterizedTest(name = "{0} → {1}, Retry-After honoured: {2}")
    @CsvSource({
            "200, SUCCESS, false",
            "201, SUCCESS, false",
            "204, SUCCESS, false",
            "299, SUCCESS, false",
            "301, RETRY, false",
            "302, RETRY, false",
            "400, RETRY, false",
            "404, RETRY, false",
            "410, GONE, false",
            "429, RETRY, true",
            "500, RETRY, false",
            "502, RETRY, false",
            "503, RETRY, true",
            ", RETRY, false"})
    void classifies(Integer status, AttemptVerdict verdict, boolean honoursRetryAfter) {
        assertThat(AttemptVerdict.of(status)).isEqualTo(verdict);
        assertThat(AttemptVerdict.honoursRetryAfter(status)).isEqualTo(honoursRetryAfter);
    }
}
