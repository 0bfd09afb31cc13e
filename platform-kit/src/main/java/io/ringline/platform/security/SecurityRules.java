package io.ringline.platform.security;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One service's rule table, in order (the first rule that matches a request decides), compiled into a
 * {@link SecurityWebFilterChain}. Rules match with the same {@code PathPattern} parser WebFlux routes with, on
 * the decoded path without {@code ;} parameters, so security and routing read a path the same way (and the
 * firewall refuses paths with more than one reading). {@link #build()} appends the rules every service shares —
 * health for anyone, the rest of actuator on the management port or with the internal token — and then
 * {@code anyExchange().denyAll()}: a request no rule names is refused as {@code 404 NOT_FOUND}.
 *
 * <p>A credential is checked only where the deciding rule (the first that matches) asks for it — its
 * {@link AuthenticationWebFilter} matches exactly those requests — so a stray header elsewhere (a wrong
 * {@code x-internal-token} on a public route) costs nothing and changes nothing.
 */
public final class SecurityRules {

    /** Exchange attribute: the credential the deciding rule wanted (for the 401 it answers). */
    static final String CHALLENGE = SecurityRules.class.getName() + ".challenge";
    /** Exchange attribute: why an authenticated caller was refused (for the 403 it answers). */
    static final String REFUSAL = SecurityRules.class.getName() + ".refusal";
    /** Exchange attribute: the rule that decides the request, found once. */
    private static final String DECIDING_RULE = SecurityRules.class.getName() + ".rule";
    private static final Rule NO_RULE = new Rule(exchange -> ServerWebExchangeMatcher.MatchResult.notMatch(),
            (authentication, context) -> Mono.empty(), null);

    /** A check of the authenticated principal on top of its credential, e.g. a key's scope. */
    @FunctionalInterface
    public interface Scope<P> {
        Optional<AccessRefusal> check(P principal);
    }

    private record Rule(ServerWebExchangeMatcher matcher, ReactiveAuthorizationManager<AuthorizationContext> access,
            Credential<?> credential) {
    }

    private final ServerHttpSecurity http;
    private final RinglineSecurity security;
    private final List<Rule> rules = new ArrayList<>();
    private ServerWebExchangeMatcher listener;

    SecurityRules(ServerHttpSecurity http, RinglineSecurity security) {
        this.http = http;
        this.security = security;
    }

    /** Anyone may use these routes with this method. */
    public SecurityRules permit(HttpMethod method, String... patterns) {
        return add(matcher(method, patterns), (authentication, context) -> granted(true), null);
    }

    /** Anyone may use these routes with any method. */
    public SecurityRules permitAnyMethod(String... patterns) {
        return permit(null, patterns);
    }

    /** These routes (any method) need this credential. */
    public SecurityRules require(Credential<?> credential, String... patterns) {
        return require(credential, (HttpMethod) null, patterns);
    }

    /** These routes with this method need this credential. */
    public <P> SecurityRules require(Credential<P> credential, HttpMethod method, String... patterns) {
        return require(credential, method, principal -> Optional.empty(), patterns);
    }

    /** These routes (any method) need this credential and a principal the scope accepts. */
    public <P> SecurityRules require(Credential<P> credential, Scope<P> scope, String... patterns) {
        return require(credential, null, scope, patterns);
    }

    /** These routes need {@code x-internal-token}. */
    public SecurityRules requireInternalToken(String... patterns) {
        return require(security.internalToken(), patterns);
    }

    /**
     * Requests that arrive on the named listener (see {@link ListenerPorts}) get only the rules declared in
     * {@code declare}; anything else on that listener is refused. Declare this block first.
     */
    public SecurityRules onlyOn(String listenerName, Consumer<SecurityRules> declare) {
        ServerWebExchangeMatcher on = security.listeners().on(listenerName);
        listener = on;
        try {
            declare.accept(this);
        } finally {
            listener = null;
        }
        return add(on, (authentication, context) -> granted(false), null);
    }

    public SecurityWebFilterChain build() {
        permit(HttpMethod.GET, "/actuator/health", "/actuator/health/**");
        if (security.separateManagementPort()) {
            add(new AndServerWebExchangeMatcher(security.listeners().on(ListenerPorts.MANAGEMENT),
                    matcher(HttpMethod.GET, "/actuator/**")), (authentication, context) -> granted(true), null);
        }
        require(security.internalToken(), HttpMethod.GET, "/actuator/**");

        Map<String, Credential<?>> credentials = new LinkedHashMap<>();
        for (Rule rule : rules) {
            if (rule.credential() == null) {
                continue;
            }
            Credential<?> known = credentials.putIfAbsent(rule.credential().name(), rule.credential());
            if (known != null && known != rule.credential()) {
                throw new IllegalStateException("two credentials are named " + known.name());
            }
        }
        List<Rule> table = List.copyOf(rules);

        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, e) -> unauthenticated(exchange))
                        .accessDeniedHandler((exchange, e) -> denied(exchange)))
                .authorizeExchange(exchanges -> {
                    rules.forEach(rule -> exchanges.matchers(rule.matcher()).access(rule.access()));
                    exchanges.anyExchange().denyAll();
                });
        credentials.forEach((name, credential) -> http.addFilterAt(
                authentication(credential, exchange -> decidingRule(table, exchange)
                        .flatMap(rule -> rule.credential() == credential ? ServerWebExchangeMatcher.MatchResult.match()
                                : ServerWebExchangeMatcher.MatchResult.notMatch())),
                SecurityWebFiltersOrder.AUTHENTICATION));
        return http.build();
    }

    /** The first rule matching the request (the one authorization will apply), found once per request. */
    private static Mono<Rule> decidingRule(List<Rule> table, ServerWebExchange exchange) {
        Rule known = exchange.getAttribute(DECIDING_RULE);
        if (known != null) {
            return Mono.just(known);
        }
        return Flux.fromIterable(table)
                .concatMap(rule -> rule.matcher().matches(exchange)
                        .filter(ServerWebExchangeMatcher.MatchResult::isMatch)
                        .map(match -> rule))
                .next()
                .defaultIfEmpty(NO_RULE)
                .doOnNext(rule -> exchange.getAttributes().put(DECIDING_RULE, rule));
    }

    private <P> SecurityRules require(Credential<P> credential, HttpMethod method, Scope<P> scope, String... patterns) {
        return add(matcher(method, patterns), (authentication, context) -> authentication
                .filter(a -> a.isAuthenticated() && a instanceof CredentialAuthentication ca
                        && ca.credential().equals(credential.name()))
                .map(a -> {
                    @SuppressWarnings("unchecked")
                    P principal = (P) a.getPrincipal();
                    Optional<AccessRefusal> refusal = scope.check(principal);
                    refusal.ifPresent(r -> context.getExchange().getAttributes().put(REFUSAL, r));
                    return (AuthorizationResult) new AuthorizationDecision(refusal.isEmpty());
                })
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    context.getExchange().getAttributes().put(CHALLENGE, credential);
                    return new AuthorizationDecision(false);
                })), credential);
    }

    private SecurityRules add(ServerWebExchangeMatcher matcher,
            ReactiveAuthorizationManager<AuthorizationContext> access, Credential<?> credential) {
        rules.add(new Rule(listener == null ? matcher : new AndServerWebExchangeMatcher(listener, matcher), access,
                credential));
        return this;
    }

    private static ServerWebExchangeMatcher matcher(HttpMethod method, String... patterns) {
        if (patterns.length == 0) {
            throw new IllegalArgumentException("a rule needs at least one path pattern");
        }
        return new OrServerWebExchangeMatcher(Arrays.stream(patterns)
                .map(pattern -> (ServerWebExchangeMatcher) new PathPatternParserServerWebExchangeMatcher(pattern, method))
                .toList());
    }

    private static Mono<AuthorizationResult> granted(boolean granted) {
        return Mono.just(new AuthorizationDecision(granted));
    }

    /** No (valid) principal: the deciding rule's credential was missing, or no rule names the route. */
    private Mono<Void> unauthenticated(ServerWebExchange exchange) {
        Credential<?> wanted = exchange.getAttribute(CHALLENGE);
        return wanted != null ? wanted.refusals().missing(exchange) : security.errors().notFound(exchange);
    }

    /** An authenticated principal refused: by a scope, by wanting another credential, or by deny-by-default. */
    private Mono<Void> denied(ServerWebExchange exchange) {
        AccessRefusal refusal = exchange.getAttribute(REFUSAL);
        if (refusal != null) {
            return security.errors().write(exchange, refusal);
        }
        return unauthenticated(exchange);
    }

    private <P> AuthenticationWebFilter authentication(Credential<P> credential, ServerWebExchangeMatcher routes) {
        AuthenticationWebFilter filter = new AuthenticationWebFilter(
                new CredentialAuthenticationManager<>(credential, security.throttle(), security.meters()));
        filter.setRequiresAuthenticationMatcher(routes);
        filter.setServerAuthenticationConverter(exchange -> Mono.justOrEmpty(presented(exchange, credential)));
        filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        filter.setAuthenticationFailureHandler((webFilterExchange, e) -> e instanceof AuthenticationThrottledException t
                ? credential.refusals().throttled(webFilterExchange.getExchange(), t.retryAfter())
                : credential.refusals().invalid(webFilterExchange.getExchange()));
        filter.setAuthenticationSuccessHandler((webFilterExchange, authentication) -> {
            if (credential.principalAttribute() != null) {
                webFilterExchange.getExchange().getAttributes().put(credential.principalAttribute(),
                        authentication.getPrincipal());
            }
            return webFilterExchange.getChain().filter(webFilterExchange.getExchange());
        });
        return filter;
    }

    private static Authentication presented(ServerWebExchange exchange, Credential<?> credential) {
        String secret = exchange.getRequest().getHeaders().getFirst(credential.header());
        if (secret == null || secret.isBlank()) {
            return null;
        }
        return new PresentedSecret(credential.name(), secret.strip(), source(exchange));
    }

    private static String source(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
