package io.ringline.gateway.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PairKeyTest {

    @Test
    void aKeySplitsBackIntoItsPartsWhateverTheSecondHolds() {
        PairKey pair = new PairKey("a1b2c3", "instance:with:colons");

        assertThat(pair.key()).isEqualTo("a1b2c3:instance:with:colons");
        assertThat(PairKey.parse(pair.key())).isEqualTo(pair);
    }
}
