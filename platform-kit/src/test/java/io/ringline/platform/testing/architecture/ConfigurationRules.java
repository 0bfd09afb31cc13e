package io.ringline.platform.testing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

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
     * No {@code @Scheduled}: a periodic task is registered by its feature's {@code SchedulingConfigurer} with the
     * interval of its properties record, so an interval never lives in a {@code ${…}} string with a default of its own.
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
            .because("intervals come from @ConfigurationProperties records: register the task in the feature's "
                    + "SchedulingConfigurer (docs/architecture.md, \"A periodic task\")")
            .allowEmptyShould(true);

    private ConfigurationRules() {
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
