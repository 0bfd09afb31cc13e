package io.ringline.sandbox.evogo.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.ringline.sandbox.evogo.GoConnectivity;
import io.ringline.sandbox.evogo.GoInstance;
import io.ringline.sandbox.evogo.GoInstances;
import io.ringline.sandbox.sim.fault.FaultSwitches;
import io.ringline.sandbox.sim.fault.Faults;
import io.ringline.sandbox.sim.fault.HeldAnswers;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * What a GO server does before any route runs, in this order: the {@code latencyMs} fault holds the request (the
 * call is created only after the delay, as if the server were slow); an unknown instance is 404; an {@code apikey}
 * other than the instance token is 401; the {@code errorCode} fault fails the request; a disconnected instance
 * answers 409 on everything but the {@code /instance/…} routes (status and pairing). The resolved instance is left in an exchange attribute.
 */
@Component
class GoApiFilter implements WebFilter {

    static final String INSTANCE = "io.ringline.sandbox.evogo.instance";

    private static final PathPattern API = PathPatternParser.defaultInstance.parse("/evogo/{instance}/**");
    /** Status and pairing routes: they report and end the disconnected state, so they answer in it. */
    private static final PathPattern INSTANCE_ROUTES =
            PathPatternParser.defaultInstance.parse("/evogo/{instance}/instance/{action}");

    private final GoInstances instances;
    private final GoConnectivity connectivity;
    private final FaultSwitches faultSwitches;
    private final GoErrorWriter errors;

    GoApiFilter(GoInstances instances, GoConnectivity connectivity, FaultSwitches faultSwitches,
            GoErrorWriter errors) {
        this.instances = instances;
        this.connectivity = connectivity;
        this.faultSwitches = faultSwitches;
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var path = exchange.getRequest().getPath().pathWithinApplication();
        var match = API.matchAndExtract(path);
        if (match == null) {
            return chain.filter(exchange);
        }
        var instance = instances.find(match.getUriVariables().get("instance"));
        Faults faults = faultSwitches.forNumber(instance.map(GoInstance::phone).orElse(null));
        Mono<Void> guarded = Mono.defer(() -> {
            if (instance.isEmpty()) {
                return errors.write(exchange, HttpStatus.NOT_FOUND, "instance not found");
            }
            if (!tokenMatches(exchange.getRequest().getHeaders().getFirst("apikey"), instance.get().token())) {
                return errors.write(exchange, HttpStatus.UNAUTHORIZED, "invalid apikey");
            }
            if (faults.failsRequests()) {
                return errors.write(exchange, statusFor(faults.errorCode()),
                        "sandbox fault: injected error " + faults.errorCode());
            }
            if (!connectivity.isOnline(instance.get()) && !INSTANCE_ROUTES.matches(path)) {
                return errors.write(exchange, HttpStatus.CONFLICT, "instance not connected");
            }
            exchange.getAttributes().put(INSTANCE, instance.get());
            return chain.filter(HeldAnswers.hold(exchange, faults.answerLatency()));
        });
        return faults.latency().isZero() ? guarded : Mono.delay(faults.latency()).then(guarded);
    }

    private static boolean tokenMatches(String presented, String expected) {
        return presented != null && MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** The fault's code is the HTTP status when it is one (4xx/5xx); anything else becomes a 500. */
    private static HttpStatus statusFor(int errorCode) {
        HttpStatus status = errorCode >= 400 && errorCode <= 599 ? HttpStatus.resolve(errorCode) : null;
        return status != null ? status : HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
