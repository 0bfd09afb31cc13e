package io.ringline.platform.testing.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;

/** The configuration rules catch what they are for, and platform-kit itself keeps them. */
class ConfigurationRulesTest {

    static class ValueOnAField {
        @Value("${ringline.x:1}")
        int x;
    }

    static class ValueOnAParameter {
        ValueOnAParameter(@Value("${ringline.x:1}") int x) {
        }
    }

    static class ScheduledFromAPlaceholder {
        @Scheduled(fixedDelayString = "${ringline.x.interval:5s}")
        void run() {
        }
    }

    static class TypedSettings {
        TypedSettings(Duration interval) {
        }

        void run() {
        }
    }

    @ConfigurationProperties("ringline.fixture")
    record FixtureProperties(Duration read, Duration readByAMethod, Duration checkedOnly, Duration unread,
            Nested nested, boolean switchedOn) {

        FixtureProperties {
            if (checkedOnly.isNegative()) {
                throw new IllegalArgumentException("checked-only must not be negative");
            }
        }

        Duration twice() {
            return readByAMethod.multipliedBy(2);
        }

        record Nested(int used, int forgotten) {
        }
    }

    @ConditionalOnProperty(name = "ringline.fixture.switched-on")
    static class FixtureReader {
        FixtureReader(FixtureProperties props) {
            props.read();
            props.twice();
            props.nested().used();
        }
    }

    @Test
    void aComponentNothingReadsIsAViolation() {
        EvaluationResult result = ConfigurationRules.EVERY_SETTING_IS_READ.evaluate(new ClassFileImporter()
                .importClasses(FixtureProperties.class, FixtureProperties.Nested.class, FixtureReader.class));

        assertThat(result.getFailureReport().getDetails())
                .hasSize(3)
                .anySatisfy(line -> assertThat(line).contains("(ringline.fixture.checked-only) is never read"))
                .anySatisfy(line -> assertThat(line).contains("(ringline.fixture.unread) is never read"))
                .anySatisfy(line -> assertThat(line).contains("(ringline.fixture.nested.forgotten) is never read"));
    }

    @Test
    void valueOnAFieldOrAParameterIsAViolation() {
        EvaluationResult result = ConfigurationRules.NO_VALUE_INJECTION.evaluate(
                new ClassFileImporter().importClasses(ValueOnAField.class, ValueOnAParameter.class, TypedSettings.class));

        assertThat(result.getFailureReport().getDetails())
                .hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("ValueOnAField.x"))
                .anySatisfy(line -> assertThat(line).contains("parameter 0 of").contains("ValueOnAParameter"));
    }

    @Test
    void aScheduledMethodIsAViolationNamingItsPlaceholder() {
        EvaluationResult result = ConfigurationRules.PERIODIC_TASKS_ARE_REGISTERED_FROM_PROPERTIES.evaluate(
                new ClassFileImporter().importClasses(ScheduledFromAPlaceholder.class, TypedSettings.class));

        assertThat(result.getFailureReport().getDetails())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("ScheduledFromAPlaceholder.run()").contains("${ringline.x.interval:5s}");
    }

    @Test
    void platformKitKeepsTheRules() {
        JavaClasses platform = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.ringline.platform");
        assertThat(platform).isNotEmpty();

        ConfigurationRules.NO_VALUE_INJECTION.check(platform);
        ConfigurationRules.PERIODIC_TASKS_ARE_REGISTERED_FROM_PROPERTIES.check(platform);
        // Read by the gateway only (ApiKeyCache, GoInstanceTokens hand it to CachedLookup), outside this import.
        ConfigurationRules.everySettingIsRead(Set.of("ringline.security.failed-authentication.miss-ttl")).check(platform);
    }
}
