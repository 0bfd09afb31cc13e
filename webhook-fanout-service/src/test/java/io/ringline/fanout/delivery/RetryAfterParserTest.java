package io.ringline.fanout.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterParserTest {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void parsesDelaySeconds() {
        assertThat(RetryAfterParser.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfterParser.parse(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void parsesAnHttpDate() {
        assertThat(RetryAfterParser.parse("Sat, 21 Nov 2026 10:05:00 GMT", NOW)).contains(Duration.ofMinutes(5));
        assertThat(RetryAfterParser.parse("Sat, 21 Nov 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfterParser.parse(null, NOW)).isEmpty();
        assertThat(RetryAfterParser.parse("", NOW)).isEmpty();
        assertThat(RetryAfterParser.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfterParser.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfterParser.parse("99999999999999999999", NOW).orElseThrow()).isGreaterThan(Duration.ofDays(365));
    }
}
