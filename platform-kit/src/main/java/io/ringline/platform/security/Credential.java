package io.ringline.platform.security;

import java.util.Objects;

/**
 * One kind of credential a service accepts: the header it travels in, how a presented secret is resolved,
 * how refusals are written, and (optionally) the exchange attribute the resolved principal is put in for the
 * handlers and the filters after the chain.
 *
 * @param name               short id used in logs, metrics and authorities (e.g. {@code api-key})
 * @param principalAttribute exchange attribute for the principal after authentication, or null
 */
public record Credential<P>(String name, String header, SecretLookup<P> lookup, CredentialRefusals refusals,
        String principalAttribute) {

    public Credential {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(lookup, "lookup");
        Objects.requireNonNull(refusals, "refusals");
    }
}
