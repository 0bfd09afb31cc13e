package io.ringline.platform.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A secret as a request presented it, not yet checked: which credential it claims to be, the secret, and the
 * source address (for throttling failed attempts). Never printed with its secret.
 */
public final class PresentedSecret extends AbstractAuthenticationToken {

    /** How much of a secret names it for throttling: an API key's display prefix ({@code rl_} + 7). */
    static final int PREFIX_LENGTH = 10;

    private final String credential;
    private final String source;
    private String secret;

    public PresentedSecret(String credential, String secret, String source) {
        super(List.of());
        this.credential = credential;
        this.secret = secret;
        this.source = source;
        setAuthenticated(false);
    }

    public String credential() {
        return credential;
    }

    public String secret() {
        return secret;
    }

    public String source() {
        return source;
    }

    /** The first characters of the secret (all of a shorter one): the unit of per-prefix throttling. */
    public String prefix() {
        return secret.length() <= PREFIX_LENGTH ? secret : secret.substring(0, PREFIX_LENGTH);
    }

    @Override
    public Object getCredentials() {
        return secret;
    }

    @Override
    public Object getPrincipal() {
        return credential;
    }

    @Override
    public void eraseCredentials() {
        secret = null;
    }

    @Override
    public String toString() {
        return "PresentedSecret[" + credential + " from " + source + "]";
    }
}
