package io.ringline.platform.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A caller the chain has authenticated: which credential proved it, and the principal that credential
 * resolves to (e.g. the gateway's {@code Caller}). Carries no secret.
 */
public final class CredentialAuthentication extends AbstractAuthenticationToken {

    private final String credential;
    private final Object principal;

    public CredentialAuthentication(String credential, Object principal) {
        super(AuthorityUtils.createAuthorityList("CREDENTIAL_" + credential));
        this.credential = credential;
        this.principal = principal;
        setAuthenticated(true);
    }

    public String credential() {
        return credential;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }

    @Override
    public String toString() {
        return "CredentialAuthentication[" + credential + ": " + principal + "]";
    }
}
