package io.ringline.platform.testing.architecture.visibility.client;

import io.ringline.platform.testing.architecture.visibility.owner.ReadForItsConstant;
import io.ringline.platform.testing.architecture.visibility.owner.UsedAsAnnotation;
import io.ringline.platform.testing.architecture.visibility.owner.UsedElsewhere;
import io.ringline.platform.testing.architecture.visibility.owner.UsedThroughItsNestedType;

/** Fixture of {@code VisibilityRulesTest}: the user, in another package, of the owner package's public types. */
@UsedAsAnnotation
class OtherPackageUser {

    final UsedElsewhere used = new UsedElsewhere();

    String name() {
        return ReadForItsConstant.NAME;
    }

    String value(UsedThroughItsNestedType.Nested nested) {
        return nested.value();
    }
}
