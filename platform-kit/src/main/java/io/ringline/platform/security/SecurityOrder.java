package io.ringline.platform.security;

/** Where Spring Security's chain sits among a service's WebFilters, for filters that must run after it. */
public final class SecurityOrder {

    /**
     * The order of Spring Security's {@code WebFilterChainProxy} (the firewall and the chain): its
     * {@code WebFluxSecurityConfiguration.WEB_FILTER_CHAIN_FILTER_ORDER}, which is not public API.
     * {@code SecurityOrderTest} fails if Spring Security ever moves it.
     */
    public static final int CHAIN = -100;

    /** The first slot after the chain: filters that read the authenticated caller (rate limiting, idempotency). */
    public static final int AFTER_CHAIN = CHAIN + 10;

    private SecurityOrder() {
    }
}
