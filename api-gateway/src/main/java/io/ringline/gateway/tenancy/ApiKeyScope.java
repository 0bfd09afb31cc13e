package io.ringline.gateway.tenancy;

/** What an API key may do (SPEC §2). */
public enum ApiKeyScope {
    /** Manages the tenant's numbers, keys and webhooks; cannot use the calls API. */
    TENANT,
    /** Bound to one number: the calls API and that number's webhooks. */
    NUMBER
}
