package io.ringline.platform.config;

import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Refuses to start a service, before any bean (database pool, Kafka client, migration) is created, while a
 * secret it needs has no value. Production configuration carries no default secrets; the {@code dev} profile
 * supplies development ones ({@code ringline-platform-defaults-dev.yml}, {@code <service>-dev.yml}).
 * Declared as a static {@code @Bean} so it runs with the other bean-factory post-processors.
 */
public final class RequiredSecrets implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

    /**
     * One secret: set when any of its properties has a non-blank value.
     *
     * @param variable   the environment variable(s) an operator sets, as messages name them
     * @param properties the properties it is read through
     */
    public record Secret(String variable, List<String> properties) {

        public static Secret of(String variable, String... properties) {
            return new Secret(variable, List.of(properties));
        }

        boolean isSetIn(Environment environment) {
            return properties.stream().map(environment::getProperty).anyMatch(v -> v != null && !v.isBlank());
        }
    }

    private final List<Secret> secrets;
    private Environment environment;

    public RequiredSecrets(Secret... secrets) {
        this.secrets = Arrays.asList(secrets);
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<Secret> missing = secrets.stream().filter(s -> !s.isSetIn(environment)).toList();
        if (!missing.isEmpty()) {
            throw new MissingSecretException(missing);
        }
    }
}
