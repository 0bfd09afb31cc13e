package io.ringline.platform.ids;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.platform.crypto.Hashing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalIdsTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void theTimeOfTheEventThenTheHashOfNumberKindAndContent() {
        assertThat(SignalIds.of("num_1", "evogo.CallOffer", "{\"CallID\":\"A\"}",
                Instant.parse("2025-03-01T09:59:59.250Z")))
                .isEqualTo("1740823199250_" + Hashing.sha256Hex("num_1|evogo.CallOffer|{\"CallID\":\"A\"}"));
    }

    @Test
    void repeatsShareTheIdAndAnythingDifferentDoesNot() {
        String id = SignalIds.of("num_1", "evogo.CallOffer", "{\"CallID\":\"A\"}", NOW);

        assertThat(SignalIds.of("num_1", "evogo.CallOffer", "{\"CallID\":\"A\"}", NOW)).isEqualTo(id);
        assertThat(SignalIds.of("num_2", "evogo.CallOffer", "{\"CallID\":\"A\"}", NOW)).isNotEqualTo(id);
        assertThat(SignalIds.of("num_1", "evogo.CallAccept", "{\"CallID\":\"A\"}", NOW)).isNotEqualTo(id);
        assertThat(SignalIds.of("num_1", "evogo.CallOffer", "{\"CallID\":\"B\"}", NOW)).isNotEqualTo(id);
    }

    @Test
    void idsSortByTheTimeOfTheirEventsWhateverTheirHashes() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(SignalIds.of("num_" + (i * 7919 % 50), "evogo.CallOffer", "{\"CallID\":\"" + i + "\"}",
                    NOW.plusMillis(i * 10L)));
        }

        assertThat(ids).as("made in time order, so sorted as text they keep it").isSorted();
        assertThat(SignalIds.of("num_1", "k", "{}", Instant.EPOCH.plusSeconds(1))).startsWith("0000000001000_");
    }

    @Test
    void withoutAUsableTimeTheIdIsTheHashAlone() {
        String hash = Hashing.sha256Hex("num_1|evogo.ConnectionUpdate|{}");

        assertThat(SignalIds.of("num_1", "evogo.ConnectionUpdate", "{}", null)).isEqualTo(hash);
        assertThat(SignalIds.of("num_1", "evogo.ConnectionUpdate", "{}", Instant.parse("1969-12-31T23:59:59Z")))
                .isEqualTo(hash);
        assertThat(SignalIds.of("num_1", "evogo.ConnectionUpdate", "{}", Instant.parse("2300-01-01T00:00:00Z")))
                .isEqualTo(hash);
    }
}
