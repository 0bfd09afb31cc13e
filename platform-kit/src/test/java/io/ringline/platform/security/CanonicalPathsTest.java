package io.ringline.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.platform.security.testing.PathCorpus;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/v1/calls", "/v1/calls/call_01J0ABCDEF/accept", "/v1/calls/wacid.HBgLMTIz=",
            "/v1/calls/wacid.abc%3D%3D", "/v1/calls/a+b", "/evogo/inst-1/call/list", "/x/~user/a_b-c.d", "/x/a:b@c",
            "/actuator/health/liveness", "/v1/webhooks/wh_1/secret/rotate"})
    void canonicalPathsPass(String path) {
        assertThat(CanonicalPaths.problem(path)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin;x/tenants", "/admin/tenants;", "/%61dmin/tenants", "/adm%69n", "/a%2fb", "/a%2Fb",
            "/a%2e/b", "/a/%2E%2E/b", "/%2561dmin", "/a%5cb", "/a\\b", "//admin", "/admin//x", "/admin/./x",
            "/admin/../x", "/admin/.", "/admin/..", "/a%09b", "/a%0ab", "/a%00b", "/a%20b", "/a%EF%BC%8Fb", "/a%c0%af",
            "/a%", "/a%2", "/a%zz", "/admin\u00e9", "/a b", "/a%3bb", "/a%3B"})
    void nonCanonicalPathsAreRefusedWithAReason(String path) {
        assertThat(CanonicalPaths.problem(path)).as(path).isNotBlank();
    }

    @Test
    void overlongPathsAreRefused() {
        assertThat(CanonicalPaths.problem("/" + "a".repeat(CanonicalPaths.MAX_LENGTH - 1))).isNull();
        assertThat(CanonicalPaths.problem("/" + "a".repeat(CanonicalPaths.MAX_LENGTH))).contains("longer");
    }

    /** The corpus the route tests send: every variant it expects the firewall to refuse, this rule refuses. */
    @Test
    void everyFirewallVariantOfTheCorpusIsRefusedAndTheCanonicalPathIsNot() {
        String canonical = "/admin/tenants";
        assertThat(CanonicalPaths.problem(canonical)).isNull();
        var variants = PathCorpus.of(canonical);
        assertThat(variants).hasSizeGreaterThanOrEqualTo(40);
        variants.stream().filter(v -> v.expect() == PathCorpus.Expect.INVALID_PATH).forEach(v -> {
            String rawPath = v.target().startsWith("http") ? URI.create(v.target()).getRawPath() : v.target();
            assertThat(CanonicalPaths.problem(rawPath)).as(v.toString()).isNotNull();
        });
    }
}
