package io.ringline.signaling.call.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.signaling.SignalingProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Off by default: a deployment that sets nothing has the guard on and the documented limits. */
class ProviderHttpConfigurationTest {

    private static SignalingProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("ringline.signaling", SignalingProperties.class);
    }

    @Test
    void theGuardIsOnUnlessTheDevelopmentSwitchSaysOtherwise() {
        SignalingProperties defaults = bind(Map.of());
        assertThat(defaults.allowPrivateNetworks()).isFalse();
        try (var guard = new ProviderHttpConfiguration().providerAddressGuard(defaults)) {
            assertThat(guard.guard()).isPresent();
        }
        try (var guard = new ProviderHttpConfiguration().providerAddressGuard(
                bind(Map.of("ringline.signaling.allow-private-networks", "true")))) {
            assertThat(guard.guard()).isEmpty();
        }
    }

    @Test
    void limitDefaults() {
        SignalingProperties defaults = bind(Map.of());
        assertThat(defaults.providerLimits().concurrency()).isEqualTo(8);
        assertThat(defaults.providerLimits().waiting()).isEqualTo(16);
        assertThat(defaults.providerLimits().maxWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.commandsInFlight()).isEqualTo(1024);
        assertThat(defaults.commandsInFlightPerTenant()).isEqualTo(128);
    }
}
