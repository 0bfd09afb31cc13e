package io.ringline.fanout;

import io.ringline.platform.testing.architecture.ArchitectureContract;
import io.ringline.platform.testing.architecture.Domain;

/** The house's architecture rules on this module (docs/architecture.md, "Rules that keep it so"). */
class ArchitectureTest extends ArchitectureContract {
    ArchitectureTest() {
        super("io.ringline.fanout", Domain.packages("io.ringline.fanout.delivery", "io.ringline.fanout.guard").and(Domain.valueTypesIn("io.ringline.fanout.event", "io.ringline.fanout.subscription")));
    }
}
