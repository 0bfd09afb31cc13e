package io.ringline.platform.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Meta bills answered BICs per started 6-second pulse. */
class BillingTest {

    @ParameterizedTest(name = "{0}s → {1} pulses, {2} billable seconds")
    @CsvSource({
        "0, 0, 0",
        "1, 1, 6",
        "6, 1, 6",
        "7, 2, 12",
        "56, 10, 60",
        "60, 10, 60",
        "61, 11, 66",
    })
    void countsStartedPulses(int seconds, int pulses, int billableSeconds) {
        assertThat(Billing.forAnsweredSeconds(seconds)).isEqualTo(new Billing(pulses, billableSeconds));
    }

    @Test
    void refusesNegativeDurations() {
        assertThatThrownBy(() -> Billing.forAnsweredSeconds(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesBillableSecondsThatAreNotWholePulses() {
        assertThatThrownBy(() -> new Billing(2, 7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6 per pulse");
        assertThatThrownBy(() -> new Billing(-1, -6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }
}
