package io.ringline.platform.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.core.env.Environment;
import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * The shared parts of every service's security chain: refusal writers, the failed-authentication throttle,
 * the listener ports, the internal-token credential. A service declares its one {@code SecurityWebFilterChain}
 * as {@code security.rules(http)…build()}.
 */
public final class RinglineSecurity {

    private final SecurityErrors errors;
    private final AuthenticationThrottle throttle;
    private final ListenerPorts listeners;
    private final MeterRegistry meters;
    private final Credential<String> internalToken;
    private final boolean separateManagementPort;

    public RinglineSecurity(SecurityErrors errors, AuthenticationThrottle throttle, ListenerPorts listeners,
            MeterRegistry meters, InternalTokenProperties internal, Environment environment) {
        this.errors = errors;
        this.throttle = throttle;
        this.listeners = listeners;
        this.meters = meters;
        this.internalToken = new Credential<>("internal-token", "x-internal-token",
                new SharedToken(internal.internalToken(), "ringline-service",
                        "ringline.internal-token (RINGLINE_INTERNAL_TOKEN)"),
                CredentialRefusals.json(errors, "Missing or invalid internal token", "Missing or invalid internal token"),
                null);
        this.separateManagementPort = separateManagementPort(environment);
    }

    /** The rules of one chain, starting empty; {@link SecurityRules#build()} appends the common ones and deny-all. */
    public SecurityRules rules(ServerHttpSecurity http) {
        return new SecurityRules(http, this);
    }

    /** {@code x-internal-token}: Ringline's own services calling {@code /internal/**} (and actuator off the management port). */
    public Credential<String> internalToken() {
        return internalToken;
    }

    public SecurityErrors errors() {
        return errors;
    }

    public ListenerPorts listeners() {
        return listeners;
    }

    AuthenticationThrottle throttle() {
        return throttle;
    }

    MeterRegistry meters() {
        return meters;
    }

    boolean separateManagementPort() {
        return separateManagementPort;
    }

    /** As Spring Boot decides it: a management port that is set, enabled and not the service port. */
    private static boolean separateManagementPort(Environment environment) {
        Integer management = environment.getProperty("management.server.port", Integer.class);
        if (management == null || management < 0) {
            return false;
        }
        Integer server = environment.getProperty("server.port", Integer.class, 8080);
        return management == 0 || !management.equals(server);
    }
}
