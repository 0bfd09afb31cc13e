package io.ringline.sandbox.evogo.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.ringline.sandbox.evogo.GoInstance;
import io.ringline.sandbox.evogo.GoInstances;
import org.junit.jupiter.api.Test;

/** QR codes rotate with the clock; only the code shown now logs the instance in. */
class GoPairingTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private final MovableClock clock = new MovableClock(T0);
    private final GoInstances instances = new GoInstances();
    private final GoPairing pairing = new GoPairing(instances, new SimulatedPairingProperties(Duration.ofSeconds(20)), clock);
    private final GoInstance unpaired = new GoInstance("shop", "tok", "5511900001111",
            URI.create("http://receiver/webhooks"), false);

    {
        instances.put(unpaired);
    }

    @Test
    void aCodeIsShownForItsTtlThenReplacedByANewOne() {
        QrCode first = pairing.currentCode(unpaired).orElseThrow();
        assertThat(first.code()).startsWith("2@").matches("2@[A-Za-z0-9+/=]+(,[A-Za-z0-9+/=]+){3}");
        assertThat(first.issuedAt()).isEqualTo(T0);
        assertThat(first.expiresAt()).isEqualTo(T0.plusSeconds(20));

        clock.move(Duration.ofSeconds(19));
        assertThat(pairing.currentCode(unpaired).orElseThrow()).isEqualTo(first);

        clock.move(Duration.ofSeconds(1));
        QrCode second = pairing.currentCode(unpaired).orElseThrow();
        assertThat(second.code()).isNotEqualTo(first.code());
        assertThat(second.issuedAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(second.expiresAt()).isEqualTo(T0.plusSeconds(40));
    }

    @Test
    void onlyTheCodeShownNowLogsTheInstanceIn() {
        assertThatThrownBy(() -> pairing.scan(unpaired, null)).hasMessageContaining("shows no QR code");
        String old = pairing.currentCode(unpaired).orElseThrow().code();
        clock.move(Duration.ofSeconds(25));
        String current = pairing.currentCode(unpaired).orElseThrow().code();

        assertThatThrownBy(() -> pairing.scan(unpaired, old)).hasMessageContaining("not the one");
        GoInstance paired = pairing.scan(unpaired, current);
        assertThat(paired.connected()).isTrue();
        assertThat(instances.find("shop")).contains(paired);
        assertThat(pairing.currentCode(paired)).as("nothing to pair once logged in").isEmpty();
        assertThatThrownBy(() -> pairing.scan(paired, current)).hasMessageContaining("already logged in");
    }

    @Test
    void connectStartsPairingAndTakesTheWebhookUrl() {
        GoInstance updated = pairing.connect(unpaired, URI.create("http://ringline/webhooks/evolution-go"));
        assertThat(updated.webhookUrl()).hasToString("http://ringline/webhooks/evolution-go");
        assertThat(instances.find("shop").orElseThrow().webhookUrl()).isEqualTo(updated.webhookUrl());
        clock.move(Duration.ofSeconds(45));
        assertThat(pairing.currentCode(updated).orElseThrow().issuedAt())
                .as("the pairing runs from connect").isEqualTo(T0.plusSeconds(40));
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
