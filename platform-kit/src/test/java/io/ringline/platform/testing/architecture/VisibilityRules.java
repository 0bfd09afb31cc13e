package io.ringline.platform.testing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.Source;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The visibility rule of the house (issue 12, item 5): a type is package-private unless another package uses it, so
 * a package's public types are the ones the rest of the module (or its tests) actually calls.
 */
public final class VisibilityRules {

    /** Classes compiled from main sources, not from test sources (by the directory their class file was read from). */
    public static final DescribedPredicate<JavaClass> MAIN_CLASSES = DescribedPredicate.describe("main classes",
            type -> type.getSource().map(Source::getUri).map(Location::of)
                    .map(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS::includes)
                    .orElse(false));

    private VisibilityRules() {
    }

    /**
     * Every public top-level type among the {@code checked} classes is used by a class of another package — any
     * dependency ArchUnit sees: a field, parameter or return type, a call, a constructor, an annotation, a supertype,
     * a type argument, a class literal — or by such a use of one of its nested types. Evaluate it on the classes that
     * may use them, tests included: a test of another package is a legitimate user.
     *
     * <p>Exempt: an application class (it declares {@code public static void main(String[])}: the launcher starts it
     * and other modules — the dev stack, the system tests — run it), and the types named in
     * {@code publicForTheirConstants}. javac copies a compile-time constant ({@code static final} primitive or
     * {@code String} with a constant value) into the class that reads it, so a type read only for its constants leaves
     * no trace in the reader's bytecode; such a type is named there, and a named type that another package visibly
     * uses, or that is not a public top-level checked type, is itself a violation, so the list stays exact.
     *
     * <p>Nested types are not checked: a public type nested in a package-private one is no more visible than its
     * enclosing type.
     */
    public static ArchRule publicTypesAreUsedFromAnotherPackage(
            DescribedPredicate<? super JavaClass> checked, Set<String> publicForTheirConstants) {
        return classes()
                .should(new ArchCondition<JavaClass>("be public only when a class of another package uses them") {
                    private final Set<String> listedAndFound = new HashSet<>();
                    private final Map<String, List<JavaClass>> nestedByTopLevel = new HashMap<>();

                    @Override
                    public void init(Collection<JavaClass> all) {
                        listedAndFound.clear();
                        nestedByTopLevel.clear();
                        for (JavaClass type : all) {
                            if (!type.isTopLevelClass()) {
                                nestedByTopLevel.computeIfAbsent(topLevelOf(type).getName(), name -> new ArrayList<>())
                                        .add(type);
                            }
                        }
                    }

                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        if (!type.isTopLevelClass() || !checked.test(type)
                                || !type.getModifiers().contains(JavaModifier.PUBLIC)) {
                            return;
                        }
                        boolean listed = publicForTheirConstants.contains(type.getName());
                        if (listed) {
                            listedAndFound.add(type.getName());
                        }
                        Optional<Dependency> use =
                                useFromAnotherPackage(type, nestedByTopLevel.getOrDefault(type.getName(), List.of()));
                        if (listed && use.isPresent()) {
                            events.add(SimpleConditionEvent.violated(type, type.getName() + " is listed as public for "
                                    + "its constants, but another package uses it (" + use.get().getDescription()
                                    + "): remove it from the list"));
                        } else if (!listed && use.isEmpty() && !isApplication(type)) {
                            events.add(SimpleConditionEvent.violated(type, type.getName() + " is public, but no class "
                                    + "of another package uses it: make it package-private (if another package reads "
                                    + "only its compile-time constants, which javac inlines, list it as public for "
                                    + "its constants)"));
                        }
                    }

                    @Override
                    public void finish(ConditionEvents events) {
                        for (String name : new TreeSet<>(publicForTheirConstants)) {
                            if (!listedAndFound.contains(name)) {
                                events.add(SimpleConditionEvent.violated(name, name + " is listed as public for its "
                                        + "constants, but is not a public top-level type of the checked classes: "
                                        + "remove it from the list"));
                            }
                        }
                    }
                })
                .because("a type is package-private unless another package needs it, so its package's public types "
                        + "are its interface (docs/architecture.md, \"Rules that keep it so\")")
                .allowEmptyShould(true);
    }

    /** A dependency on the type, or on a type nested in it, from a class of another package. */
    private static Optional<Dependency> useFromAnotherPackage(JavaClass type, Collection<JavaClass> nested) {
        String ownPackage = type.getPackageName();
        return Stream.concat(Stream.of(type), nested.stream())
                .flatMap(target -> target.getDirectDependenciesToSelf().stream())
                .filter(dependency -> !dependency.getOriginClass().getPackageName().equals(ownPackage))
                .findFirst();
    }

    private static JavaClass topLevelOf(JavaClass type) {
        JavaClass outermost = type;
        while (outermost.getEnclosingClass().isPresent()) {
            outermost = outermost.getEnclosingClass().get();
        }
        return outermost;
    }

    private static boolean isApplication(JavaClass type) {
        return type.getMethods().stream().anyMatch(method -> method.getName().equals("main")
                && method.getModifiers().containsAll(Set.of(JavaModifier.PUBLIC, JavaModifier.STATIC))
                && method.getRawParameterTypes().size() == 1
                && method.getRawParameterTypes().get(0).getName().equals(String[].class.getName()));
    }
}
