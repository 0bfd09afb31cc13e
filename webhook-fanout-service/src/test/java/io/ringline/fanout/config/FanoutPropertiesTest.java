package io.ringline.fanout.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/** The operator-facing defaults (SPEC §4 schedule, 15 s, guard on) and how a written schedule binds. */
class FanoutPropertiesTest {

    private static FanoutProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("ringline.fanout", FanoutProperties.class);
    }

    @Test
    void defaultsAreTheSpecOnes() {
        FanoutProperties props = bind(Map.of());
        assertThat(props.allowPrivateNetworks()).isFalse();
        assertThat(props.delivery().timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(props.delivery().retrySchedule()).containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
                Duration.ofHours(10));
        assertThat(props.delivery().jitter()).isEqualTo(0.2);
        assertThat(props.delivery().maxInFlightPerEndpoint()).isEqualTo(4);
        assertThat(props.delivery().maxInFlightPerHost()).isEqualTo(16);
        assertThat(props.delivery().maxResponseBytes()).isEqualTo(DataSize.ofKilobytes(4));
        assertThat(props.delivery().disableAfterFailingFor()).isEqualTo(Duration.ofDays(5));
    }

    @Test
    void aScheduleWrittenWithSpacesBinds() {
        FanoutProperties props = bind(Map.of("ringline.fanout.delivery.retry-schedule", "5s, 5m, 30m",
                "ringline.fanout.allow-private-networks", "true"));
        assertThat(props.delivery().retrySchedule())
                .isEqualTo(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30)));
        assertThat(props.allowPrivateNetworks()).isTrue();
    }
}
