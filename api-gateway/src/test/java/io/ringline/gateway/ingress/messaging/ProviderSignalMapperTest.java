package io.ringline.gateway.ingress.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.gateway.tenancy.ProviderEndpoint;
import io.ringline.platform.crypto.Hashing;
import io.ringline.schemas.avro.ProviderSignal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderSignalMapperTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final BusinessNumber NUMBER = new BusinessNumber("num_1", "ten_1", "+5511912345678", "x",
            new ProviderEndpoint.EvoGo(URI.create("http://go:8080"), "inst"), "v1.sealed", 1, NOW, NOW);

    @Test
    void signalIdIsTheProvidersTimeThenTheHashOfNumberKindAndPayload() {
        Instant occurred = Instant.parse("2025-03-01T09:59:59.250Z");
        ProviderSignal signal = ProviderSignalMapper.toAvro(NUMBER, "evogo.CallOffer", "{\"CallID\":\"A\"}",
                occurred, NOW);

        assertThat(signal.getSignalId()).isEqualTo("1740823199250_"
                + Hashing.sha256Hex("num_1|evogo.CallOffer|{\"CallID\":\"A\"}"));
        assertThat(signal.getReceivedAt()).isEqualTo(NOW);
        assertThat(signal.getNumber().getAccountId()).isEqualTo("inst");
        assertThat(signal.getNumber().getBaseUrl()).isEqualTo("http://go:8080");
    }

    @Test
    void duplicatesShareTheIdAndAnythingDifferentDoesNot() {
        String id = id("num_1", "evogo.CallOffer", "{\"CallID\":\"A\"}", NOW);

        assertThat(id("num_1", "evogo.CallOffer", "{\"CallID\":\"A\"}", NOW)).isEqualTo(id);
        assertThat(id("num_2", "evogo.CallOffer", "{\"CallID\":\"A\"}", NOW)).isNotEqualTo(id);
        assertThat(id("num_1", "evogo.CallAccept", "{\"CallID\":\"A\"}", NOW)).isNotEqualTo(id);
        assertThat(id("num_1", "evogo.CallOffer", "{\"CallID\":\"B\"}", NOW)).isNotEqualTo(id);
    }

    @Test
    void idsSortByTheProvidersTimeWhateverTheirHashes() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(id("num_" + (i * 7919 % 50), "evogo.CallOffer", "{\"CallID\":\"" + i + "\"}",
                    NOW.plusMillis(i * 10L)));
        }

        assertThat(ids).as("made in time order, so sorted as text they keep it").isSorted();
        assertThat(id("num_1", "k", "{}", Instant.EPOCH.plusSeconds(1))).startsWith("0000000001000_");
    }

    @Test
    void withoutAUsableProviderTimeTheIdIsTheHashAlone() {
        String hash = Hashing.sha256Hex("num_1|evogo.ConnectionUpdate|{}");

        assertThat(id("num_1", "evogo.ConnectionUpdate", "{}", null)).isEqualTo(hash);
        assertThat(id("num_1", "evogo.ConnectionUpdate", "{}", Instant.parse("1969-12-31T23:59:59Z"))).isEqualTo(hash);
        assertThat(id("num_1", "evogo.ConnectionUpdate", "{}", Instant.parse("2300-01-01T00:00:00Z"))).isEqualTo(hash);
    }

    private static String id(String number, String kind, String payload, Instant occurredAt) {
        return ProviderSignalMapper.signalId(number, kind, payload, occurredAt);
    }
}
