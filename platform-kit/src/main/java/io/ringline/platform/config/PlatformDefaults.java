package io.ringline.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code ringline-platform-defaults.yml} as the lowest-precedence property source of every
 * service, so Kafka serdes, database URLs, actuator exposure and the environment-variable contract
 * are written once; a service's own file and the environment override any of it. Under the
 * {@value #DEV_PROFILE} profile {@code ringline-platform-defaults-dev.yml} comes just above it: the
 * development secrets live there and nowhere else.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    /** The development profile: ./dev.sh and every test activate it; production never does. */
    public static final String DEV_PROFILE = "dev";

    static final String RESOURCE = "ringline-platform-defaults.yml";
    static final String DEV_RESOURCE = "ringline-platform-defaults-dev.yml";

    // Runs after ConfigDataEnvironmentPostProcessor (no order = lowest), so the active profiles are known.
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(RESOURCE)) {
            return;
        }
        if (environment.matchesProfiles(DEV_PROFILE)) {
            addLast(environment, DEV_RESOURCE);
        }
        addLast(environment, RESOURCE);
    }

    private static void addLast(ConfigurableEnvironment environment, String resource) {
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(resource, new ClassPathResource(resource))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
