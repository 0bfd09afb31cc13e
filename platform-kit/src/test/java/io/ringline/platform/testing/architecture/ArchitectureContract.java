package io.ringline.platform.testing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The house's architecture rules (issue 12), checked on a service module's main classes. Each service runs them
 * through a one-line subclass naming its root package and its {@link Domain}; what each rule means and why:
 * docs/architecture.md, "Rules that keep it so".
 */
public abstract class ArchitectureContract {

    /** The service modules and the class that proves each is on a class path: none may depend on another. */
    static final Map<String, String> SERVICES = Map.of(
            "io.ringline.gateway", "io.ringline.gateway.GatewayApplication",
            "io.ringline.signaling", "io.ringline.signaling.SignalingApplication",
            "io.ringline.media", "io.ringline.media.MediaBridgeApplication",
            "io.ringline.fanout", "io.ringline.fanout.FanoutApplication");

    /** What the domain may not touch: the frameworks, and the Avro contracts of the topics. */
    static final String[] FRAMEWORKS = {
            "org.springframework..", "reactor..", "org.apache.kafka..", "org.apache.avro..", "io.ringline.schemas.."};

    /** Avro: the library and the types generated from the schemas module's contracts. */
    static final String[] AVRO = {"org.apache.avro..", "io.ringline.schemas.avro.."};

    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();
    private static final Map<String, JavaClasses> IMPORTED_WITH_TESTS = new ConcurrentHashMap<>();

    private final String rootPackage;
    private final Domain domain;

    protected ArchitectureContract(String rootPackage, Domain domain) {
        if (!SERVICES.containsKey(rootPackage)) {
            throw new IllegalArgumentException(rootPackage + " is not a service module's root package " + SERVICES.keySet());
        }
        this.rootPackage = rootPackage;
        this.domain = domain;
    }

    @Test
    void theDomainImportsNoSpringReactorKafkaOrAvro() {
        noClasses().that(domain.classes())
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("the domain is plain Java, tested without a framework (docs/architecture.md)")
                .check(mainClasses());
    }

    @Test
    void avroTypesAppearOnlyInMessagingAdapters() {
        noClasses().that().resideOutsideOfPackage("..messaging..")
                .should().dependOnClassesThat().resideInAnyPackage(AVRO)
                .because("topic contracts are translated to domain types at the edge, in ..messaging.. packages")
                .check(mainClasses());
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(parentOf(rootPackage) + ".(**)").namingSlices("package $1")
                .should().beFreeOfCycles()
                .check(mainClasses());
    }

    @Test
    void featuresHaveNoCycles() {
        // One slice per top-level package (call, number, tenancy, …) with everything beneath it.
        slices().matching(rootPackage + ".(*)..").namingSlices("feature $1")
                .should().beFreeOfCycles()
                .check(mainClasses());
    }

    @Test
    void settingsAreTypedNeverInjectedByValue() {
        ConfigurationRules.NO_VALUE_INJECTION.check(mainClasses());
    }

    @Test
    void periodicTasksAreRegisteredFromPropertiesRecords() {
        ConfigurationRules.PERIODIC_TASKS_ARE_REGISTERED_FROM_PROPERTIES.check(mainClasses());
    }

    @Test
    void everySettingIsRead() {
        ConfigurationRules.EVERY_SETTING_IS_READ.check(mainClasses());
    }

    @Test
    void typesArePublicOnlyWhenAnotherPackageUsesThem() {
        // The module's tests are imported too: a test of another package is a user, but no test class is checked.
        VisibilityRules.publicTypesAreUsedFromAnotherPackage(VisibilityRules.MAIN_CLASSES, publicForTheirConstants())
                .check(mainAndTestClasses());
    }

    /**
     * Public types of the module that another package uses only for compile-time constants (javac copies those into
     * the reader, so the rule cannot see the use), by full name; the rule fails on an entry that is no longer needed.
     * A subclass that overrides this says, entry by entry, which constant is read where.
     */
    protected Set<String> publicForTheirConstants() {
        return Set.of();
    }

    @Test
    void noOtherServiceModuleIsOnTheClassPath() {
        ClassLoader loader = getClass().getClassLoader();
        assertThat(load(SERVICES.get(rootPackage), loader)).as("this module's own application class").isTrue();
        SERVICES.forEach((root, application) -> {
            if (!root.equals(rootPackage)) {
                assertThat(load(application, loader))
                        .as("%s is on %s's class path: service modules talk over HTTP and Kafka, never by a Maven "
                                + "dependency", application, rootPackage)
                        .isFalse();
            }
        });
    }

    private JavaClasses mainClasses() {
        return IMPORTED.computeIfAbsent(rootPackage, root -> new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(root));
    }

    private JavaClasses mainAndTestClasses() {
        return IMPORTED_WITH_TESTS.computeIfAbsent(rootPackage, root -> new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(root));
    }

    private static String parentOf(String packageName) {
        return packageName.substring(0, packageName.lastIndexOf('.'));
    }

    private static boolean load(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
