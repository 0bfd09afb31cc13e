package io.ringline.sandbox.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhonesTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "+5511999998888, 5511999998888",
            "5511999998888, 5511999998888",
            "5511999998888@s.whatsapp.net, 5511999998888",
            "' +14085551234 ', 14085551234",
            "1234567, null",
            "+55 11 99999, null",
            "abc, null",
            "null, null"})
    void normalizesToDigits(String raw, String digits) {
        assertThat(Phones.normalize(raw).orElse(null)).isEqualTo(digits);
    }
}
