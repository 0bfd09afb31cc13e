package io.ringline.gateway.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ringline.gateway.calls.ProviderCapabilities.Support;
import io.ringline.gateway.tenancy.ProviderKind;
import io.ringline.platform.web.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderCapabilitiesTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "META,   PLACE,            SUPPORTED",
            "META,   PRE_ACCEPT,       SUPPORTED",
            "META,   ACCEPT,           SUPPORTED",
            "META,   REJECT,           SUPPORTED",
            "META,   TERMINATE,        SUPPORTED",
            "META,   PLAY,             NOT_SUPPORTED",
            "META,   REALTIME_SESSION, NOT_SUPPORTED",
            "META,   SETTINGS,         SUPPORTED",
            "META,   PERMISSIONS,      SUPPORTED",
            "EVO_GO, PLACE,            SUPPORTED",
            "EVO_GO, PRE_ACCEPT,       NOT_SUPPORTED",
            "EVO_GO, ACCEPT,           SUPPORTED",
            "EVO_GO, REJECT,           SUPPORTED",
            "EVO_GO, TERMINATE,        SUPPORTED",
            "EVO_GO, PLAY,             SUPPORTED",
            "EVO_GO, REALTIME_SESSION, SUPPORTED",
            "EVO_GO, SETTINGS,         NOT_SUPPORTED",
            "EVO_GO, PERMISSIONS,      NOT_SUPPORTED",
            "UNKNOWN, PLACE,           NOT_SUPPORTED",
            "UNKNOWN, ACCEPT,          NOT_SUPPORTED",
            "UNKNOWN, SETTINGS,        NOT_SUPPORTED"
    })
    void capabilityTable(ProviderKind provider, Capability capability, Support expected) {
        assertThat(ProviderCapabilities.of(provider, capability)).isEqualTo(expected);

        switch (expected) {
            case SUPPORTED -> assertThatCode(() -> ProviderCapabilities.require(provider, capability))
                    .doesNotThrowAnyException();
            case NOT_SUPPORTED -> {
                ApiException e = catchThrowableOfType(ApiException.class,
                        () -> ProviderCapabilities.require(provider, capability));
                assertThat(e.status().value()).isEqualTo(400);
                assertThat(e.code()).isEqualTo("FEATURE_NOT_SUPPORTED");
                if (provider == ProviderKind.UNKNOWN) {
                    assertThat(e.getMessage())
                            .isEqualTo("Calling is only supported for Meta Cloud API and Evolution GO numbers.");
                } else {
                    assertThat(e.getMessage()).contains(provider.label());
                }
            }
            case NOT_IMPLEMENTED -> {
                ApiException e = catchThrowableOfType(ApiException.class,
                        () -> ProviderCapabilities.require(provider, capability));
                assertThat(e.status().value()).isEqualTo(501);
                assertThat(e.code()).isEqualTo("NOT_IMPLEMENTED");
            }
        }
    }

    @Test
    void everyProviderHasARowForEveryCapability() {
        for (ProviderKind provider : ProviderKind.values()) {
            for (Capability capability : Capability.values()) {
                assertThatCode(() -> ProviderCapabilities.of(provider, capability)).doesNotThrowAnyException();
            }
        }
    }
}
