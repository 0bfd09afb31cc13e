package io.ringline.gateway.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.tenancy.ProviderKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallRefsTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "META,   call_01HZY3V8Q6W2N4X7K9M0P1R2S3, true",
            "EVO_GO, call_01HZY3V8Q6W2N4X7K9M0P1R2S3, true",
            "META,   wacid.HBgLMTY1MDU1NTAxMjMVAgARGBQ, true",
            "META,   3EB0C0FFEE,                     false",
            "EVO_GO, 3EB0C0FFEE,                     true",
            "EVO_GO, call_not-a-ulid,                false",
            "EVO_GO, has space,                      false",
            "META,   wacid.,                         false"
    })
    void whatMayNameACall(ProviderKind provider, String ref, boolean plausible) {
        assertThat(CallRefs.isPlausible(provider, ref)).isEqualTo(plausible);
    }
}
