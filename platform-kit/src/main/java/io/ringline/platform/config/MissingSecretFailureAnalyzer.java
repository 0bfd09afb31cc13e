package io.ringline.platform.config;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link MissingSecretException} into Spring Boot's short "APPLICATION FAILED TO START" report. */
public class MissingSecretFailureAnalyzer extends AbstractFailureAnalyzer<MissingSecretException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSecretException cause) {
        String description = "Required secrets are not set:\n" + cause.missing().stream()
                .map(s -> "  - " + s.variable() + " (property " + String.join(" or ", s.properties()) + ")")
                .collect(Collectors.joining("\n"));
        String action = "Set each variable in the service's environment (deploy/.env.example shows how to generate "
                + "them; docs/security.md, \"Secrets\"). For local development only, activate the Spring profile "
                + "'dev' (SPRING_PROFILES_ACTIVE=dev), which supplies development values; never in production.";
        return new FailureAnalysis(description, action, cause);
    }
}
