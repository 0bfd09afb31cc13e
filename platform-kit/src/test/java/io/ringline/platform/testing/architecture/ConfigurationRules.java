package io.ringline.platform.testing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration rules of the house (issue 12, item 4): settings are components of {@code @ConfigurationProperties}
 * records, and periodic tasks are registered from those records, so no setting hides in an annotation string.
 */
public final class ConfigurationRules {

    static final String VALUE = "org.springframework.beans.factory.annotation.Value";
    static final String SCHEDULED = "org.springframework.scheduling.annotation.Scheduled";
    static final String SCHEDULES = "org.springframework.scheduling.annotation.Schedules";

    /** No {@code @Value} on a field, method, constructor or parameter. */
    public static final ArchRule NO_VALUE_INJECTION = classes()
            .should(new ArchCondition<JavaClass>("not inject settings with @Value") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    for (JavaField field : type.getFields()) {
                        if (field.isAnnotatedWith(VALUE)) {
                            events.add(SimpleConditionEvent.violated(field, field.getFullName() + " is annotated @Value"));
                        }
                    }
                    for (JavaCodeUnit unit : type.getCodeUnits()) {
                        if (unit.isAnnotatedWith(VALUE)) {
                            events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " is annotated @Value"));
                        }
                        for (JavaParameter parameter : unit.getParameters()) {
                            if (parameter.isAnnotatedWith(VALUE)) {
                                events.add(SimpleConditionEvent.violated(parameter, "parameter " + parameter.getIndex()
                                        + " of " + unit.getFullName() + " is annotated @Value"));
                            }
                        }
                    }
                }
            })
            .because("every setting is a component of a @ConfigurationProperties record with its @DefaultValue, "
                    + "documented once (docs/architecture.md, \"A new configuration property\")")
            .allowEmptyShould(true);

    /**
     * No {@code @Scheduled}: a periodic task runs on platform-kit's {@code Poller} with the interval of its
     * properties record, so an interval never lives in a {@code ${…}} string with a default of its own.
     */
    public static final ArchRule PERIODIC_TASKS_ARE_REGISTERED_FROM_PROPERTIES = classes()
            .should(new ArchCondition<JavaClass>("not declare @Scheduled methods") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    for (JavaMethod method : type.getMethods()) {
                        if (method.isAnnotatedWith(SCHEDULED) || method.isAnnotatedWith(SCHEDULES)) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName()
                                    + " is @Scheduled" + placeholderNote(method)));
                        }
                    }
                }
            })
            .because("intervals come from @ConfigurationProperties records: run the task on platform-kit's Poller "
                    + "(docs/architecture.md, \"A periodic task\")")
            .allowEmptyShould(true);

    /**
     * Every component of a {@code @ConfigurationProperties} record (and of the records nested in one) is read by code:
     * its accessor is called or referenced, or its field is read by a method of the record (a compact constructor's
     * checks read the parameter, not the field, and do not count); or an {@code @ConditionalOnProperty} of the same
     * module names it. A setting nothing reads is removed, with its docs.
     */
    public static final ArchRule EVERY_SETTING_IS_READ = everySettingIsRead(Set.of());

    /**
     * {@link #EVERY_SETTING_IS_READ}, but {@code readElsewhere} (full property names) are read by modules the imported
     * classes do not include — platform-kit's settings that only the services read.
     */
    public static ArchRule everySettingIsRead(Set<String> readElsewhere) {
        return classes()
                .should(new ArchCondition<JavaClass>("have every component of a properties record read by code") {
                    private final Set<String> conditionalProperties = new HashSet<>();

                    @Override
                    public void init(Collection<JavaClass> all) {
                        conditionalProperties.clear();
                        for (JavaClass type : all) {
                            conditionsOf(type.getAnnotations());
                            type.getMethods().forEach(method -> conditionsOf(method.getAnnotations()));
                        }
                    }

                    private void conditionsOf(Set<? extends JavaAnnotation<?>> annotations) {
                        for (JavaAnnotation<?> annotation : annotations) {
                            if (annotation.getRawType().getName().equals(CONDITIONAL_ON_PROPERTY)) {
                                String prefix = annotation.get("prefix").map(String.class::cast).orElse("");
                                for (String attribute : List.of("name", "value")) {
                                    for (Object name : (Object[]) annotation.get(attribute).orElse(new Object[0])) {
                                        conditionalProperties.add(prefix.isEmpty() ? (String) name : prefix + "." + name);
                                    }
                                }
                            }
                        }
                    }

                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        Optional<String> prefix = propertiesPrefix(type);
                        if (!type.isRecord() || prefix.isEmpty()) {
                            return;
                        }
                        for (JavaField component : type.getFields()) {
                            String property = prefix.get() + "." + kebab(component.getName());
                            if (component.getModifiers().contains(JavaModifier.STATIC) || isRead(type, component)
                                    || conditionalProperties.contains(property) || readElsewhere.contains(property)) {
                                continue;
                            }
                            events.add(SimpleConditionEvent.violated(component, type.getName() + "." + component.getName()
                                    + " (" + property + ") is never read"));
                        }
                    }
                })
                .because("a setting nothing reads misleads whoever sets it: read it or remove it with its docs")
                .allowEmptyShould(true);
    }

    static final String CONFIGURATION_PROPERTIES =
            "org.springframework.boot.context.properties.ConfigurationProperties";
    static final String CONDITIONAL_ON_PROPERTY =
            "org.springframework.boot.autoconfigure.condition.ConditionalOnProperty";

    private ConfigurationRules() {
    }

    /** The prefix of the record's properties: its own annotation's, or (nested records) its enclosing one's. */
    private static Optional<String> propertiesPrefix(JavaClass type) {
        Optional<? extends JavaAnnotation<?>> own = type.tryGetAnnotationOfType(CONFIGURATION_PROPERTIES);
        if (own.isPresent()) {
            JavaAnnotation<?> annotation = own.get();
            String value = annotation.get("value").map(String.class::cast).orElse("");
            return Optional.of(value.isEmpty() ? annotation.get("prefix").map(String.class::cast).orElse("") : value);
        }
        return type.getEnclosingClass().flatMap(enclosing -> propertiesPrefix(enclosing)
                .map(prefix -> enclosing.getFields().stream()
                        .filter(field -> field.getRawType().equals(type))
                        .findFirst()
                        .map(field -> prefix + "." + kebab(field.getName()))
                        .orElse(prefix + ".*")));
    }

    private static boolean isRead(JavaClass record, JavaField component) {
        boolean accessorUsed = record.tryGetMethod(component.getName())
                .map(accessor -> !accessor.getAccessesToSelf().isEmpty())
                .orElse(false);
        boolean fieldReadByAMethod = component.getAccessesToSelf().stream()
                .anyMatch(access -> access.getAccessType() == JavaFieldAccess.AccessType.GET
                        && !access.getOrigin().getName().equals(component.getName()));
        return accessorUsed || fieldReadByAMethod;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String placeholderNote(JavaMethod method) {
        return method.tryGetAnnotationOfType(SCHEDULED)
                .flatMap(scheduled -> scheduled.getProperties().values().stream()
                        .filter(value -> value instanceof String text && (text.contains("${") || text.contains("#{")))
                        .findFirst())
                .map(value -> " with the interval in a string (" + value + ")")
                .orElse("");
    }
}
