package io.ringline.gateway;

import io.ringline.platform.testing.architecture.ArchitectureContract;
import io.ringline.platform.testing.architecture.Domain;

/** The house's architecture rules on this module (docs/architecture.md, "Rules that keep it so"). */
class ArchitectureTest extends ArchitectureContract {
    ArchitectureTest() {
        super("io.ringline.gateway", Domain.valueTypesIn("io.ringline.gateway.calls", "io.ringline.gateway.tenancy"));
    }
}
