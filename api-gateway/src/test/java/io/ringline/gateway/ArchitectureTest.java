package io.ringline.gateway;

import io.ringline.platform.testing.architecture.ArchitectureContract;
import io.ringline.platform.testing.architecture.Domain;
import java.util.Set;

/** The house's architecture rules on this module (docs/architecture.md, "Rules that keep it so"). */
class ArchitectureTest extends ArchitectureContract {
    ArchitectureTest() {
        super("io.ringline.gateway", Domain.valueTypesIn("io.ringline.gateway.calls", "io.ringline.gateway.tenancy"));
    }

    @Override
    protected Set<String> publicForTheirConstants() {
        // idempotency.IdempotencyFilter orders itself after the rate limit by RateLimitFilter.ORDER, an int constant.
        return Set.of("io.ringline.gateway.ratelimit.RateLimitFilter");
    }
}
