package io.ringline.media;

import io.ringline.platform.testing.architecture.ArchitectureContract;
import io.ringline.platform.testing.architecture.Domain;

/** The house's architecture rules on this module (docs/architecture.md, "Rules that keep it so"). */
class ArchitectureTest extends ArchitectureContract {
    ArchitectureTest() {
        super("io.ringline.media", Domain.packages("io.ringline.media.realtime.audio").and(Domain.valueTypesIn("io.ringline.media.livecall")));
    }
}
