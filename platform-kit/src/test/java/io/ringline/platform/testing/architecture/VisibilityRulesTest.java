package io.ringline.platform.testing.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.ringline.platform.testing.architecture.visibility.owner.ReadForItsConstant;
import io.ringline.platform.testing.architecture.visibility.owner.UsedElsewhere;
import io.ringline.platform.testing.architecture.visibility.owner.UsedHereOnly;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The visibility rule catches a public type only its own package uses, and accepts every kind of use from another
 * package, on the fixtures of {@code visibility.owner} (the types) and {@code visibility.client} (their user).
 */
class VisibilityRulesTest {

    private static final String FIXTURES = "io.ringline.platform.testing.architecture.visibility";
    private static final DescribedPredicate<JavaClass> EVERY_CLASS = DescribedPredicate.alwaysTrue();

    private final JavaClasses fixtures = new ClassFileImporter().importPackages(FIXTURES);

    @Test
    void aPublicTypeOnlyItsOwnPackageUsesIsAViolation() {
        EvaluationResult result = VisibilityRules.publicTypesAreUsedFromAnotherPackage(
                EVERY_CLASS, Set.of(ReadForItsConstant.class.getName())).evaluate(fixtures);

        assertThat(result.getFailureReport().getDetails())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith(UsedHereOnly.class.getName() + " is public, but no class of another package uses it");
    }

    @Test
    void aFieldAnAnnotationANestedTypeOrALaunchMakeAPublicTypeLegitimate() {
        // Without UsedHereOnly and its local user, and with the constants reader listed, nothing is left to flag:
        // UsedElsewhere (a field), UsedAsAnnotation, UsedThroughItsNestedType (its nested record), Launched (main).
        JavaClasses usedFromAnotherPackage = new ClassFileImporter().importPackages(FIXTURES)
                .that(DescribedPredicate.describe("not UsedHereOnly or its local user",
                        type -> !type.getSimpleName().equals("UsedHereOnly") && !type.getSimpleName().equals("LocalUser")));

        EvaluationResult result = VisibilityRules.publicTypesAreUsedFromAnotherPackage(
                EVERY_CLASS, Set.of(ReadForItsConstant.class.getName())).evaluate(usedFromAnotherPackage);

        assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
    }

    @Test
    void aTypeReadOnlyForItsConstantsLooksUnusedUnlessListed() {
        EvaluationResult result = VisibilityRules.publicTypesAreUsedFromAnotherPackage(EVERY_CLASS, Set.of())
                .evaluate(fixtures);

        assertThat(result.getFailureReport().getDetails())
                .hasSize(2)
                .anySatisfy(line -> assertThat(line).startsWith(ReadForItsConstant.class.getName() + " is public, but"))
                .anySatisfy(line -> assertThat(line).startsWith(UsedHereOnly.class.getName() + " is public, but"));
    }

    @Test
    void aListedTypeAnotherPackageUsesOrNoTypeAtAllIsAViolation() {
        EvaluationResult result = VisibilityRules.publicTypesAreUsedFromAnotherPackage(EVERY_CLASS, Set.of(
                ReadForItsConstant.class.getName(), UsedHereOnly.class.getName(), UsedElsewhere.class.getName(),
                FIXTURES + ".owner.Gone")).evaluate(fixtures);

        assertThat(result.getFailureReport().getDetails())
                .hasSize(2)
                .anySatisfy(line -> assertThat(line).startsWith(UsedElsewhere.class.getName()
                        + " is listed as public for its constants, but another package uses it"))
                .anySatisfy(line -> assertThat(line).startsWith(FIXTURES + ".owner.Gone is listed as public for its "
                        + "constants, but is not a public top-level type"));
    }

    @Test
    void onlyMainClassesAreCheckedWhenTestsAreImportedAsUsers() {
        // The fixtures are test classes: as a service's ArchitectureContract checks them, they are only users.
        assertThat(VisibilityRules.MAIN_CLASSES.test(fixtures.get(UsedHereOnly.class))).isFalse();
        assertThat(VisibilityRules.MAIN_CLASSES.test(new ClassFileImporter().importClass(VisibilityRules.class)))
                .as("a test class").isFalse();
        assertThat(VisibilityRules.MAIN_CLASSES.test(new ClassFileImporter()
                .importClass(io.ringline.platform.config.PlatformAutoConfiguration.class))).as("a main class").isTrue();

        EvaluationResult result = VisibilityRules.publicTypesAreUsedFromAnotherPackage(
                VisibilityRules.MAIN_CLASSES, Set.of()).evaluate(fixtures);
        assertThat(result.hasViolation()).isFalse();
    }
}
