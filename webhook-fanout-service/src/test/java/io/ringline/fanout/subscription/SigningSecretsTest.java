package io.ringline.fanout.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which secrets sign at a given moment after a rotation (clock injected as plain instants). */
class SigningSecretsTest {

    private static final Instant ROTATED_AT = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0} after rotating: {1}")
    @CsvSource({
            "PT0S,    new+old",
            "PT23H59M, new+old",
            "PT24H,   new",
            "P3D,     new"})
    void bothSignForTheGracePeriodThenOnlyTheNewOne(Duration elapsed, String expected) {
        SigningSecrets rotated = SigningSecrets.single("old").rotate("new", ROTATED_AT, Duration.ofHours(24));
        assertThat(String.join("+", rotated.signingAt(ROTATED_AT.plus(elapsed)))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"PT0S", "P365D"})
    void aNeverRotatedSecretSignsAlone(Duration elapsed) {
        assertThat(SigningSecrets.single("only").signingAt(ROTATED_AT.plus(elapsed))).containsExactly("only");
    }

    @ParameterizedTest
    @CsvSource({"PT1H"})
    void rotatingAgainDropsTheOldestSecret(Duration elapsed) {
        SigningSecrets twice = SigningSecrets.single("a").rotate("b", ROTATED_AT, Duration.ofHours(24))
                .rotate("c", ROTATED_AT.plus(elapsed), Duration.ofHours(24));
        assertThat(twice.signingAt(ROTATED_AT.plus(elapsed))).containsExactly("c", "b");
    }
}
