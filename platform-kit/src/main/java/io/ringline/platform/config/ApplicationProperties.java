package io.ringline.platform.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Spring Boot's {@code spring.application.name}, typed: the service's name in thread names, consumer groups and
 * client ids. Every service sets it in its own {@code <service>.yml}; the default only names a bare context.
 *
 * @param name the service's name
 */
@ConfigurationProperties("spring.application")
public record ApplicationProperties(@DefaultValue("service") String name) {
}
