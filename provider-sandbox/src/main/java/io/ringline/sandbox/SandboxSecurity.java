package io.ringline.sandbox;

import static org.springframework.http.HttpMethod.GET;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's security chain: every simulated route is public on purpose (the simulated providers check their own
 * credentials — Graph bearer tokens, GO {@code apikey}s — in their filters, as the real ones do), but they are named
 * one by one, anything else is refused ({@code 404}), and Spring Security's strict firewall refuses non-normalised
 * paths ({@code 400}). The sandbox has no platform-kit (no database, no broker), so it uses Spring Security's own
 * firewall rather than Ringline's stricter canonical-path rules; it holds no tenant data.
 */
@Configuration(proxyBeanMethods = false)
class SandboxSecurity {

    @Bean
    SecurityWebFilterChain sandboxSecurityChain(ServerHttpSecurity http, JsonMapper json) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, e) -> notFound(exchange, json))
                        .accessDeniedHandler((exchange, e) -> notFound(exchange, json)))
                .authorizeExchange(exchanges -> exchanges
                        // control API and the recording webhook receiver (any method on /sandbox/webhook-sink/**)
                        .pathMatchers("/sandbox/**").permitAll()
                        // simulated Meta Graph API (bearer token checked by GraphFilter)
                        .pathMatchers("/meta/**").permitAll()
                        // simulated Evolution GO API and its realtime WebSocket (apikey / session token checked there)
                        .pathMatchers("/evogo/**").permitAll()
                        .pathMatchers(GET, "/actuator", "/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .anyExchange().denyAll())
                .build();
    }

    /** Firewall refusals as JSON: {@code 400 {"error", "code": "INVALID_PATH"}}. */
    @Bean
    ServerExchangeRejectedHandler sandboxFirewallRejections(JsonMapper json) {
        return (exchange, rejected) -> write(exchange, json, HttpStatus.BAD_REQUEST,
                Map.of("error", "The request path is not in canonical form", "code", "INVALID_PATH"));
    }

    private static Mono<Void> notFound(ServerWebExchange exchange, JsonMapper json) {
        return write(exchange, json, HttpStatus.NOT_FOUND, Map.of("error", "No route for "
                + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath(), "code", "NOT_FOUND"));
    }

    private static Mono<Void> write(ServerWebExchange exchange, JsonMapper json, HttpStatus status, Map<String, String> body) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
    }
}
