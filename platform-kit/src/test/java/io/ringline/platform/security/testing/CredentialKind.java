package io.ringline.platform.security.testing;

/**
 * Every kind of credential a route test tries on every route. In a service that does not know API keys or the
 * operator token, those kinds are still sent (well-formed values of their headers) and must change nothing.
 */
public enum CredentialKind {
    /** No credential header at all. */
    NONE,
    /** A wrong value in every credential header at once (a well-formed but unknown API key, wrong tokens). */
    WRONG,
    /** A number-scoped API key of number A (tenant T). */
    NUMBER_KEY,
    /** A number-scoped API key of number B, same tenant T. */
    OTHER_NUMBER_KEY,
    /** A tenant-scoped API key of tenant T. */
    TENANT_KEY,
    /** A tenant-scoped API key of another tenant U. */
    OTHER_TENANT_KEY,
    /** The operator token ({@code x-operator-token}). */
    OPERATOR_TOKEN,
    /** The internal token ({@code x-internal-token}). */
    INTERNAL_TOKEN,
    /** An Evolution GO instance token ({@code apikey}) of an EVO_GO number of tenant T. */
    GO_INSTANCE_TOKEN
}
