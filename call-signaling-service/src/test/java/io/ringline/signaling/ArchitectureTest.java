package io.ringline.signaling;

import io.ringline.platform.testing.architecture.ArchitectureContract;
import io.ringline.platform.testing.architecture.Domain;

/** The house's architecture rules on this module (docs/architecture.md, "Rules that keep it so"). */
class ArchitectureTest extends ArchitectureContract {
    ArchitectureTest() {
        super("io.ringline.signaling", Domain.packages("io.ringline.signaling.call"));
    }
}
