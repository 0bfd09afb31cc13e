package io.ringline.gateway.auth;

import io.ringline.gateway.tenancy.ApiKeyScope;
import io.ringline.platform.web.ApiException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * Which key scope may use which part of the public API (SPEC §2), as a table: the calls API needs a number
 * key, the admin surface a tenant key, webhooks take either.
 */
final class ScopeRules {

    enum Area {
        CALLS("/v1/calls", EnumSet.of(ApiKeyScope.NUMBER)),
        NUMBERS("/v1/numbers", EnumSet.of(ApiKeyScope.TENANT)),
        API_KEYS("/v1/api-keys", EnumSet.of(ApiKeyScope.TENANT)),
        WEBHOOKS("/v1/webhooks", EnumSet.of(ApiKeyScope.TENANT, ApiKeyScope.NUMBER));

        private final String root;
        private final Set<ApiKeyScope> allowed;

        Area(String root, Set<ApiKeyScope> allowed) {
            this.root = root;
            this.allowed = allowed;
        }

        boolean covers(String path) {
            return path.equals(root) || path.startsWith(root + "/");
        }
    }

    private ScopeRules() {
    }

    static Optional<Area> areaOf(String path) {
        for (Area area : Area.values()) {
            if (area.covers(path)) {
                return Optional.of(area);
            }
        }
        return Optional.empty();
    }

    /** The 403 for a key of this scope on this path, if it may not use it. */
    static Optional<ApiException> check(String path, ApiKeyScope scope) {
        return areaOf(path).filter(area -> !area.allowed.contains(scope)).map(area -> switch (scope) {
            case TENANT -> new ApiException(HttpStatus.FORBIDDEN, "TENANT_SCOPE_NOT_ALLOWED",
                    "The calls API needs a number-scoped API key; this key is tenant-scoped");
            case NUMBER -> new ApiException(HttpStatus.FORBIDDEN, "NUMBER_SCOPE_NOT_ALLOWED",
                    "This endpoint needs a tenant-scoped API key; this key is number-scoped");
        });
    }
}
