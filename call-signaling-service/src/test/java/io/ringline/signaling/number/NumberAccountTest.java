package io.ringline.signaling.number;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** "No provider" is {@link Provider#NONE}, never null, and nothing call-shaped can be made from it. */
class NumberAccountTest {

    static NumberAccount account(Provider provider) {
        return new NumberAccount("num_1", "ten_1", provider, "+551130000000", "http://go", "inst", "v1.sealed", 1);
    }

    @Test
    void aNumberOfAKindThisServiceCannotCallThroughSaysSo() {
        NumberAccount none = account(Provider.NONE);
        assertThat(none.supportsCalling()).isFalse();
        assertThatThrownBy(none::ref).isInstanceOf(IllegalStateException.class).hasMessageContaining("no calling provider");
    }

    @Test
    void callingNumbersHaveARef() {
        for (Provider provider : Provider.calling()) {
            assertThat(account(provider).supportsCalling()).isTrue();
            assertThat(account(provider).ref().provider()).isEqualTo(provider);
        }
        assertThat(Provider.calling()).doesNotContain(Provider.NONE).hasSize(Provider.values().length - 1);
    }

    @Test
    void nullIsNotAProvider() {
        assertThatThrownBy(() -> account(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("NONE");
        assertThatThrownBy(() -> new NumberRef("num_1", "ten_1", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NumberRef("num_1", "ten_1", Provider.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
