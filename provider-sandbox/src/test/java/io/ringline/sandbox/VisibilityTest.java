package io.ringline.sandbox;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.ringline.platform.testing.architecture.VisibilityRules;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The services' visibility rule (docs/architecture.md, "Rules that keep it so") on the sandbox's main classes, its
 * tests counted as users. No other module uses a sandbox type but {@link SandboxApplication} (the dev stack starts
 * it), which the rule exempts as the application class.
 */
class VisibilityTest {

    @Test
    void typesArePublicOnlyWhenAnotherPackageUsesThem() {
        VisibilityRules.publicTypesAreUsedFromAnotherPackage(VisibilityRules.MAIN_CLASSES, Set.of())
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                        .importPackages("io.ringline.sandbox"));
    }
}
