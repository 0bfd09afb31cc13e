package io.ringline.sandbox.meta.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ringline.sandbox.meta.GraphErrors;
import io.ringline.sandbox.meta.GraphException;
import io.ringline.sandbox.meta.MetaNumber;
import io.ringline.sandbox.meta.MetaNumbers;
import io.ringline.sandbox.sim.fault.FaultSwitches;
import io.ringline.sandbox.sim.fault.Faults;
import io.ringline.sandbox.sim.fault.HeldAnswers;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * What the Graph API does before any calling route runs, in this order: the {@code latencyMs} fault holds the
 * request; the version must be v17.0 or later (calling's minimum); an unknown phone-number id is Graph's
 * "object does not exist" (100/33); the access token ({@code Authorization: Bearer} or {@code access_token}) must be
 * the number's, else 190; the {@code errorCode} fault fails the request with that Graph code; the
 * {@code answerLatencyMs} fault holds the answer of a request the route has handled. The number is left in an
 * exchange attribute.
 */
@Component
class GraphFilter implements WebFilter {

    static final String NUMBER = "io.ringline.sandbox.meta.number";

    private static final PathPattern API =
            PathPatternParser.defaultInstance.parse("/meta/{version}/{phoneNumberId}/**");
    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)");
    private static final int MIN_CALLING_VERSION = 17;

    private final MetaNumbers numbers;
    private final FaultSwitches faultSwitches;
    private final GraphErrorWriter errors;

    GraphFilter(MetaNumbers numbers, FaultSwitches faultSwitches, GraphErrorWriter errors) {
        this.numbers = numbers;
        this.faultSwitches = faultSwitches;
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var match = API.matchAndExtract(exchange.getRequest().getPath().pathWithinApplication());
        if (match == null) {
            return chain.filter(exchange);
        }
        String version = match.getUriVariables().get("version");
        String phoneNumberId = match.getUriVariables().get("phoneNumberId");
        var number = numbers.find(phoneNumberId);
        Faults faults = faultSwitches.forNumber(number.map(MetaNumber::phone).orElse(null));
        Mono<Void> guarded = Mono.defer(() -> {
            try {
                requireCallingVersion(version);
                MetaNumber found = number.orElseThrow(() -> GraphErrors.unknownObject(phoneNumberId));
                requireToken(exchange, found);
                if (faults.failsRequests()) {
                    throw new GraphException(faults.errorCode(), "(#" + faults.errorCode() + ") Sandbox fault",
                            "Error injected by the sandbox fault switch errorCode=" + faults.errorCode());
                }
                exchange.getAttributes().put(NUMBER, found);
            } catch (GraphException e) {
                return errors.write(exchange, e);
            }
            return chain.filter(HeldAnswers.hold(exchange, faults.answerLatency()));
        });
        return faults.latency().isZero() ? guarded : Mono.delay(faults.latency()).then(guarded);
    }

    private static void requireCallingVersion(String version) {
        Matcher matcher = VERSION.matcher(version);
        if (!matcher.matches()) {
            throw GraphException.invalidParameter("Unknown Graph API version " + version);
        }
        if (Integer.parseInt(matcher.group(1)) < MIN_CALLING_VERSION) {
            throw GraphException.invalidParameter("Calling requires Graph API v17.0 or later, not " + version);
        }
    }

    private static void requireToken(ServerWebExchange exchange, MetaNumber number) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip()
                : exchange.getRequest().getQueryParams().getFirst("access_token");
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                number.accessToken().getBytes(StandardCharsets.UTF_8))) {
            throw GraphErrors.invalidToken();
        }
    }
}
