package io.ringline.platform.security.testing;

import java.util.EnumMap;
import java.util.Map;

/**
 * One row of a service's route table: what each {@link CredentialKind} gets on one route — to reach its
 * handler, or a refusal with a status and an error code ({@code code == null}: a body in a provider's own
 * shape, {@code {"error": …}}).
 */
public final class RouteExpectation {

    /** The documented outcome for one credential kind. */
    public record Outcome(boolean reaches, int status, String code) {
        static Outcome reached() {
            return new Outcome(true, 0, null);
        }

        static Outcome refused(int status, String code) {
            return new Outcome(false, status, code);
        }

        @Override
        public String toString() {
            return reaches ? "reaches the handler" : "refused " + status + (code == null ? "" : " " + code);
        }
    }

    final String method;
    final String pattern;
    final Map<CredentialKind, Outcome> outcomes = new EnumMap<>(CredentialKind.class);

    private RouteExpectation(String method, String pattern) {
        this.method = method;
        this.pattern = pattern;
    }

    /** A row for this method ({@code *} for a route that takes any) and exactly the pattern the route declares. */
    public static RouteExpectation route(String method, String pattern) {
        return new RouteExpectation(method, pattern);
    }

    public RouteExpectation reachedBy(CredentialKind... kinds) {
        for (CredentialKind kind : kinds) {
            outcomes.put(kind, Outcome.reached());
        }
        return this;
    }

    public RouteExpectation reachedByAnyone() {
        return reachedBy(CredentialKind.values());
    }

    public RouteExpectation refused(int status, String code, CredentialKind... kinds) {
        for (CredentialKind kind : kinds) {
            outcomes.put(kind, Outcome.refused(status, code));
        }
        return this;
    }

    /** Every kind not named yet is refused with this status and code. */
    public RouteExpectation otherwise(int status, String code) {
        for (CredentialKind kind : CredentialKind.values()) {
            outcomes.putIfAbsent(kind, Outcome.refused(status, code));
        }
        return this;
    }

    public String method() {
        return method;
    }

    public String pattern() {
        return pattern;
    }

    String route() {
        return method + " " + pattern;
    }

    @Override
    public String toString() {
        return route() + " " + outcomes;
    }
}
