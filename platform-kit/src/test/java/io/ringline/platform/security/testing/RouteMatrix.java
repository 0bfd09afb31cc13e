package io.ringline.platform.security.testing;

import io.ringline.platform.security.testing.RouteExpectation.Outcome;
import io.ringline.platform.security.testing.RouteInventory.Route;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.EnumSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tries every registered route with every {@link CredentialKind} over raw HTTP and compares what happened with
 * the service's table: a route without a row, a row without a route, a row no credential reaches, and every
 * outcome that differs from its row are reported (all of them, not just the first).
 */
public final class RouteMatrix {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([^}]+)}");

    private final int port;
    private final HandlerPassage passages;
    private final Function<CredentialKind, Map<String, String>> credentials;
    private final Function<String, String> pathFor;

    /**
     * @param credentials the headers a kind sends, asked again for every request (so wrong secrets can differ each
     *                    time and never add up to a throttled prefix); NONE sends none
     * @param pathFor     a concrete path for a route pattern; the default fills each {@code {variable}} with
     *                    {@code p-variable} and each wildcard with {@code p}
     */
    public RouteMatrix(int port, HandlerPassage passages, Function<CredentialKind, Map<String, String>> credentials,
            Function<String, String> pathFor) {
        this.port = port;
        this.passages = passages;
        this.credentials = credentials;
        this.pathFor = pathFor;
    }

    public RouteMatrix(int port, HandlerPassage passages, Function<CredentialKind, Map<String, String>> credentials) {
        this(port, passages, credentials, RouteMatrix::concretePath);
    }

    /**
     * The kinds as a service behind the gateway sees them: only the internal token means anything there; the API keys,
     * the operator token and the GO token are well-formed values it must ignore; wrong values are fresh each time.
     */
    public static Function<CredentialKind, Map<String, String>> internalServiceCredentials(String internalToken) {
        Map<CredentialKind, String> keys = Map.of(CredentialKind.NUMBER_KEY, "rl_" + random(43),
                CredentialKind.OTHER_NUMBER_KEY, "rl_" + random(43), CredentialKind.TENANT_KEY, "rl_" + random(43),
                CredentialKind.OTHER_TENANT_KEY, "rl_" + random(43));
        return kind -> switch (kind) {
            case NONE -> Map.of();
            case WRONG -> Map.of("x-api-key", "rl_" + random(43), "x-operator-token", "wrong-" + random(12),
                    "x-internal-token", "wrong-" + random(12), "apikey", "wrong-" + random(12));
            case NUMBER_KEY, OTHER_NUMBER_KEY, TENANT_KEY, OTHER_TENANT_KEY -> Map.of("x-api-key", keys.get(kind));
            case OPERATOR_TOKEN -> Map.of("x-operator-token", "dev-operator-token");
            case INTERNAL_TOKEN -> Map.of("x-internal-token", internalToken);
            case GO_INSTANCE_TOKEN -> Map.of("apikey", "go-instance-token");
        };
    }

    /**
     * The gateway's protected prefixes, for a service that has no such routes: deny by default alone must hold them,
     * whatever the spelling and the credential.
     */
    public static List<Target> gatewayPrefixesWithoutRoutes() {
        Set<CredentialKind> nobody = EnumSet.noneOf(CredentialKind.class);
        return List.of(new Target("POST", "/admin/tenants", nobody), new Target("GET", "/v1/calls", nobody),
                new Target("GET", "/v1/numbers", nobody), new Target("POST", "/v1/api-keys", nobody),
                new Target("GET", "/v1/webhooks", nobody), new Target("GET", "/api/layer/evolution-go/call/list", nobody));
    }

    /** A fresh random string of letters and digits, for wrong secrets. */
    public static String random(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder(length);
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** Every problem found; empty when the routes and the table agree and every outcome is as documented. */
    public List<String> check(List<Route> registered, List<RouteExpectation> table) {
        return check(registered, table, true);
    }

    /**
     * As {@link #check(List, List)}; {@code everyRouteUsable = false} for a listener on which most routes are meant
     * to be unreachable (the media bridge's public port).
     */
    public List<String> check(List<Route> registered, List<RouteExpectation> table, boolean everyRouteUsable) {
        List<String> problems = new ArrayList<>();
        Map<String, RouteExpectation> rows = new LinkedHashMap<>();
        for (RouteExpectation row : table) {
            if (rows.put(row.route(), row) != null) {
                problems.add("two rows for " + row.route());
            }
            for (CredentialKind kind : CredentialKind.values()) {
                if (!row.outcomes.containsKey(kind)) {
                    problems.add("row " + row.route() + " says nothing about " + kind + " (end it with otherwise(…))");
                }
            }
            if (everyRouteUsable && row.outcomes.values().stream().noneMatch(Outcome::reaches)) {
                problems.add("no credential reaches " + row.route() + ": a route nobody can use is dead or mis-ruled");
            }
        }
        for (Route route : registered) {
            if (!rows.containsKey(route.toString())) {
                problems.add("route " + route + " is registered but has no row in the expectation table: add one "
                        + "(and a security rule) saying which credentials may use it");
            }
        }
        List<String> registeredNames = registered.stream().map(Route::toString).toList();
        for (String row : rows.keySet()) {
            if (!registeredNames.contains(row)) {
                problems.add("row " + row + " names no registered route (stale row, or a typo)");
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        for (RouteExpectation row : table) {
            row.outcomes.forEach((kind, expected) -> check(row, kind, expected).ifPresent(problems::add));
        }
        return problems;
    }

    private Optional<String> check(RouteExpectation row, CredentialKind kind, Outcome expected) {
        String method = row.method.equals("*") ? "GET" : row.method;
        String path = pathFor.apply(row.pattern);
        Probe probe = send(method, path, credentials.apply(kind));
        String what = row.route() + " (as " + method + " " + path + ") with " + kind;
        if (expected.reaches()) {
            if (probe.passage().isEmpty()) {
                return Optional.of(what + ": expected to reach the handler, was refused " + probe.response());
            }
            String matched = probe.passage().get().route().orElse("<no handler>");
            if (!matched.equals(row.pattern)) {
                return Optional.of(what + ": passed security but was routed to " + matched);
            }
            return Optional.empty();
        }
        if (probe.passage().isPresent()) {
            return Optional.of(what + ": expected " + expected + " but it got past security (" + probe.response() + ")");
        }
        RawHttp.Response response = probe.response();
        if (response.status() != expected.status()) {
            return Optional.of(what + ": expected " + expected + ", got " + response);
        }
        JsonNode body = response.isJson() ? JSON.readTree(response.body()) : null;
        if (body == null || !body.hasNonNull("error")) {
            return Optional.of(what + ": expected a JSON error body, got " + response);
        }
        String code = body.hasNonNull("code") ? body.get("code").stringValue() : null;
        if (expected.code() == null ? code != null : !expected.code().equals(code)) {
            return Optional.of(what + ": expected " + expected + ", got " + response);
        }
        return Optional.empty();
    }

    /**
     * A protected route to spell wrongly: {@code path} is its canonical form, {@code rightCredentials} the kinds
     * security lets through there (empty when deny-by-default alone protects the prefix), {@code served} whether a
     * handler serves the canonical path on this listener (then a right credential must reach it).
     */
    public record Target(String method, String path, Set<CredentialKind> rightCredentials, boolean served) {
        public Target(String method, String path, Set<CredentialKind> rightCredentials) {
            this(method, path, rightCredentials, !rightCredentials.isEmpty());
        }
    }

    /**
     * Every {@link PathCorpus} variant of every target: none may reach a handler, whatever the credential; none
     * may even get past security without a right credential; firewall variants are {@code 400 INVALID_PATH}.
     * Firewall and server refusals come before any credential is read, so those variants are sent without one,
     * with a wrong one and with each right one; the canonical-but-different variants with every kind. The
     * canonical path itself is checked to be usable with a right credential, so the corpus probes a live route.
     */
    public List<String> checkCorpus(List<Target> targets) {
        List<String> problems = new ArrayList<>();
        int sent = 0;
        for (Target target : targets) {
            for (CredentialKind right : target.served() ? target.rightCredentials() : Set.<CredentialKind>of()) {
                Probe canonical = send(target.method(), target.path(), credentials.apply(right));
                if (canonical.passage().flatMap(HandlerPassage.Passage::route).isEmpty()) {
                    problems.add(target.method() + " " + target.path() + " with " + right
                            + " does not reach a handler (" + canonical.response() + "): the corpus would probe nothing");
                }
            }
            for (PathCorpus.Variant variant : PathCorpus.of(target.path())) {
                Set<CredentialKind> kinds = EnumSet.of(CredentialKind.NONE, CredentialKind.WRONG);
                kinds.addAll(target.rightCredentials());
                if (variant.expect() == PathCorpus.Expect.OTHER_PATH) {
                    kinds = EnumSet.allOf(CredentialKind.class);
                }
                for (CredentialKind kind : kinds) {
                    sent++;
                    checkVariant(target, variant, kind).ifPresent(problems::add);
                }
            }
        }
        if (sent < targets.size() * 40) {
            problems.add("only " + sent + " corpus requests for " + targets.size() + " targets");
        }
        return problems;
    }

    private Optional<String> checkVariant(Target target, PathCorpus.Variant variant, CredentialKind kind) {
        Probe probe = send(target.method(), variant.target(), credentials.apply(kind));
        String what = target.method() + " " + variant + " with " + kind;
        RawHttp.Response response = probe.response();
        if (probe.passage().isPresent()) {
            if (!target.rightCredentials().contains(kind)) {
                return Optional.of(what + ": got past security without the right credential (" + response + ")");
            }
            if (probe.passage().get().route().isPresent()) {
                return Optional.of(what + ": reached the handler of " + probe.passage().get().route().get());
            }
        }
        return switch (variant.expect()) {
            case INVALID_PATH -> {
                JsonNode body = response.isJson() ? JSON.readTree(response.body()) : null;
                boolean ok = response.status() == 400 && body != null
                        && "INVALID_PATH".equals(body.path("code").stringValue(null));
                yield ok ? Optional.empty() : Optional.of(what + ": expected 400 INVALID_PATH, got " + response);
            }
            case UNPARSEABLE -> response.status() == -1 || (response.status() >= 400 && response.status() < 500)
                    ? Optional.empty() : Optional.of(what + ": expected the server to refuse it, got " + response);
            case OTHER_PATH -> response.status() >= 400 && response.status() < 500
                    ? Optional.empty() : Optional.of(what + ": expected a 4xx, got " + response);
        };
    }

    /** One request with a probe id; what came back and whether it passed every filter. */
    public record Probe(RawHttp.Response response, Optional<HandlerPassage.Passage> passage) {
    }

    public Probe send(String method, String target, Map<String, String> headers) {
        return send(port, method, target, headers);
    }

    public Probe send(int toPort, String method, String target, Map<String, String> headers) {
        String probe = UUID.randomUUID().toString();
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(HandlerPassage.PROBE, probe);
        byte[] body = null;
        if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            // Malformed on purpose: a handler that is reached refuses it before changing anything.
            all.put("Content-Type", "application/json");
            body = "{\"probe\":".getBytes(StandardCharsets.UTF_8);
        }
        RawHttp.Response response = RawHttp.send(toPort, method, target, all, body);
        return new Probe(response, passages.passage(probe));
    }

    /** {@code /v1/calls/{callId}/play} → {@code /v1/calls/p-callId/play}; {@code /chat/**} → {@code /chat/p}. */
    public static String concretePath(String pattern) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            boolean catchAll = m.group().startsWith("{*");
            m.appendReplacement(out, catchAll ? "p-" + m.group(1) : "p-" + m.group(1));
        }
        m.appendTail(out);
        String path = out.toString().replace("/**", "/p").replace("*", "p");
        return path.startsWith("/") ? path : "/" + path;
    }

    public static String describe(List<String> problems) {
        return problems.size() + " problem(s):\n  " + problems.stream().collect(Collectors.joining("\n  "));
    }
}
