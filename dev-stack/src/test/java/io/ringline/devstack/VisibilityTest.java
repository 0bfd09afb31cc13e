package io.ringline.devstack;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.ringline.devstack.process.ProcCpu;
import io.ringline.devstack.process.ServiceJars;
import io.ringline.platform.testing.architecture.VisibilityRules;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The services' visibility rule (docs/architecture.md, "Rules that keep it so") on the dev stack's main classes, its
 * tests counted as users, except the types other modules use: an import of this module cannot see those users.
 */
class VisibilityTest {

    /**
     * Public for other modules: the system tests and the examples start the platform ({@link DevStack},
     * {@link DevStackOptions}, {@link Platform}, {@link ServiceInstance}) and log in as the {@link DemoTenant}; the
     * bench takes the operator token from {@link DevProfile} and the service jars from {@link ServiceJars}, waits
     * for the numbers it seeds with {@link NumberReadiness} and reads processes' CPU with {@link ProcCpu}.
     */
    private static final Class<?>[] USED_BY_OTHER_MODULES = {
            DemoTenant.class, DevProfile.class, DevStack.class, DevStackOptions.class, NumberReadiness.class,
            Platform.class, ProcCpu.class, ServiceInstance.class, ServiceJars.class};

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.ringline.devstack");

    @Test
    void typesArePublicOnlyWhenAnotherPackageUsesThem() {
        VisibilityRules.publicTypesAreUsedFromAnotherPackage(
                        VisibilityRules.MAIN_CLASSES.and(not(belongToAnyOf(USED_BY_OTHER_MODULES))), Set.of())
                .check(CLASSES);
    }

    @Test
    void theTypesOtherModulesUseArePublicTopLevelTypes() {
        for (Class<?> type : USED_BY_OTHER_MODULES) {
            assertThat(CLASSES.get(type).getModifiers()).as(type.getName()).contains(JavaModifier.PUBLIC);
            assertThat(CLASSES.get(type).isTopLevelClass()).as(type.getName()).isTrue();
        }
    }
}
