package io.ringline.platform.testing.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

/**
 * Which classes of a service are its domain: whole packages that hold nothing else, and the value types (records
 * and enums) of packages where they still sit beside the Spring services that use them.
 */
public record Domain(DescribedPredicate<JavaClass> classes) {

    private static final String CONFIGURATION_PROPERTIES =
            "org.springframework.boot.context.properties.ConfigurationProperties";

    /** Every class of exactly these packages (not their subpackages, which hold the adapters). */
    public static Domain packages(String... packageNames) {
        return new Domain(resideInAnyPackage(packageNames).as("classes of " + String.join(", ", packageNames)));
    }

    /**
     * The records and enums of exactly these packages, except {@code @ConfigurationProperties} records: those are
     * configuration bound by Spring, not domain.
     */
    public static Domain valueTypesIn(String... packageNames) {
        DescribedPredicate<JavaClass> valueType = DescribedPredicate.describe("records and enums",
                type -> (type.isRecord() || type.isEnum()) && !type.isAnnotatedWith(CONFIGURATION_PROPERTIES));
        return new Domain(valueType.and(resideInAnyPackage(packageNames))
                .as("records and enums (not configuration properties) of " + String.join(", ", packageNames)));
    }

    /** Either this domain or the other. */
    public Domain and(Domain other) {
        return new Domain(classes.or(other.classes).as(classes.getDescription() + "; " + other.classes.getDescription()));
    }
}
