package io.ringline.gateway.ingress.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.gateway.tenancy.ProviderEndpoint;
import io.ringline.platform.crypto.Hashing;
import io.ringline.schemas.avro.ProviderSignal;
import java.net.URI;
import java.time.Instant;
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
    void withoutTheProvidersTimeTheIdIsTheHashAlone() {
        ProviderSignal signal = ProviderSignalMapper.toAvro(NUMBER, "evogo.ConnectionUpdate", "{}", null, NOW);

        assertThat(signal.getSignalId()).isEqualTo(Hashing.sha256Hex("num_1|evogo.ConnectionUpdate|{}"));
    }
}
