package io.ringline.platform.config;

import java.util.List;
import java.util.stream.Collectors;

/** A service was started without a secret it needs; {@link MissingSecretFailureAnalyzer} explains what to set. */
public class MissingSecretException extends IllegalStateException {

    private final transient List<RequiredSecrets.Secret> missing;

    public MissingSecretException(List<RequiredSecrets.Secret> missing) {
        super(missing.stream().map(s -> s.variable() + " is not set (" + String.join(" / ", s.properties()) + ")")
                .collect(Collectors.joining("; "))
                + ". Production configuration has no default secrets; the 'dev' profile supplies development ones.");
        this.missing = List.copyOf(missing);
    }

    public List<RequiredSecrets.Secret> missing() {
        return missing;
    }
}
