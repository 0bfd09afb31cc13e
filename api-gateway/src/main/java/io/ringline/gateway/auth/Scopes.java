package io.ringline.gateway.auth;

import io.ringline.gateway.tenancy.Caller;
import io.ringline.platform.security.AccessRefusal;
import io.ringline.platform.security.SecurityRules.Scope;
import java.util.Optional;

/**
 * Which API-key scope may use which part of the public API (SPEC §2): the calls API needs a number key, the admin
 * surface a tenant key; the 403 names the scope that was refused.
 */
final class Scopes {

    static final AccessRefusal TENANT_KEY_REFUSED = AccessRefusal.forbidden("TENANT_SCOPE_NOT_ALLOWED",
            "The calls API needs a number-scoped API key; this key is tenant-scoped");
    static final AccessRefusal NUMBER_KEY_REFUSED = AccessRefusal.forbidden("NUMBER_SCOPE_NOT_ALLOWED",
            "This endpoint needs a tenant-scoped API key; this key is number-scoped");

    private Scopes() {
    }

    static Scope<Caller> numberKeys() {
        return caller -> caller.isNumberScoped() ? Optional.empty() : Optional.of(TENANT_KEY_REFUSED);
    }

    static Scope<Caller> tenantKeys() {
        return caller -> caller.isNumberScoped() ? Optional.of(NUMBER_KEY_REFUSED) : Optional.empty();
    }
}
