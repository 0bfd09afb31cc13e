package io.ringline.bench;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.ringline.bench.load.Operation;
import io.ringline.platform.testing.architecture.VisibilityRules;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The services' visibility rule (docs/architecture.md, "Rules that keep it so") on the bench's main classes, its
 * tests counted as users. No other module uses a bench type: bench.sh starts {@link BenchMain}, an application class
 * the rule exempts.
 */
class VisibilityTest {

    /**
     * Functional interfaces another package implements only with lambdas and method references: their type appears
     * only in an invokedynamic call site, which ArchUnit records no dependency for. {@link Operation}: the scenarios
     * hand {@code OpenLoop.run} a lambda or {@code this::placeCall}.
     */
    private static final Class<?>[] IMPLEMENTED_ONLY_BY_LAMBDAS = {Operation.class};

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.ringline.bench");

    @Test
    void typesArePublicOnlyWhenAnotherPackageUsesThem() {
        VisibilityRules.publicTypesAreUsedFromAnotherPackage(
                        VisibilityRules.MAIN_CLASSES.and(not(belongToAnyOf(IMPLEMENTED_ONLY_BY_LAMBDAS))), Set.of())
                .check(CLASSES);
    }

    @Test
    void theTypesImplementedOnlyByLambdasArePublicTopLevelTypes() {
        for (Class<?> type : IMPLEMENTED_ONLY_BY_LAMBDAS) {
            assertThat(CLASSES.get(type).getModifiers()).as(type.getName()).contains(JavaModifier.PUBLIC);
            assertThat(CLASSES.get(type).isTopLevelClass()).as(type.getName()).isTrue();
        }
    }
}
