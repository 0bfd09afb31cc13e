package io.ringline.gateway.calls.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ringline.gateway.calls.signaling.CallListQuery;
import io.ringline.platform.web.ApiException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

class CallQueryParamsTest {

    @Test
    void defaultsAndNormalisation() {
        assertThat(CallQueryParams.list(query(""))).isEqualTo(new CallListQuery(25, null, null, null));
        assertThat(CallQueryParams.list(query("limit=100&before=2025-01-31T13:00:00+01:00&status=missed&direction=outbound")))
                .isEqualTo(new CallListQuery(100, Instant.parse("2025-01-31T12:00:00Z"), "MISSED", "OUTBOUND"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "limit=0,               limit",
            "limit=101,             limit",
            "limit=1.5,             limit",
            "limit=1&limit=2,       limit",
            "before=2025-01-31,     before",
            "before=tomorrow,       before",
            "before=+999999999-12-31T23:59:59Z, before",
            "before=+10000-01-01T00:00:00Z, before",
            "before=-0001-01-01T00:00:00Z, before",
            "status=UNKNOWN,        status",
            "direction=BOTH,        direction"
    })
    void invalidQueriesNameTheParameter(String queryString, String field) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> CallQueryParams.list(query(queryString)));
        assertThat(e.details()).containsEntry("field", field);
    }

    @Test
    void includeSdpIsAFlag() {
        assertThat(CallQueryParams.includeSdp(query("includeSdp=1"))).isTrue();
        assertThat(CallQueryParams.includeSdp(query("includeSdp=true"))).isTrue();
        assertThat(CallQueryParams.includeSdp(query("includeSdp=0"))).isFalse();
        assertThat(CallQueryParams.includeSdp(query(""))).isFalse();
        ApiException e = catchThrowableOfType(ApiException.class, () -> CallQueryParams.includeSdp(query("includeSdp=2")));
        assertThat(e.details()).containsEntry("field", "includeSdp");
    }

    @Test
    void permissionToIsReadAsE164WhetherThePlusWasEncodedDecodedToASpaceOrLeftOut() {
        for (String to : new String[] {"+5511988887777", " 5511988887777", "5511988887777"}) {
            var params = new LinkedMultiValueMap<String, String>();
            params.add("to", to);
            assertThat(CallQueryParams.permissionTo(params)).as("'%s'", to).isEqualTo("+5511988887777");
        }
    }

    @Test
    void permissionToIsRequiredAndValidated() {
        for (String bad : new String[] {null, "", "+12", "abc", "+5511988887777x"}) {
            var params = new LinkedMultiValueMap<String, String>();
            if (bad != null) {
                params.add("to", bad);
            }
            ApiException e = catchThrowableOfType(ApiException.class, () -> CallQueryParams.permissionTo(params));
            assertThat(e.details()).as(String.valueOf(bad)).containsEntry("field", "to");
        }
    }

    private static MultiValueMap<String, String> query(String queryString) {
        MultiValueMap<String, String> raw = UriComponentsBuilder.fromUriString("/x?" + queryString).build()
                .getQueryParams();
        MultiValueMap<String, String> decoded = new LinkedMultiValueMap<>();
        raw.forEach((k, v) -> decoded.put(k, v));
        return decoded;
    }
}
