package io.ringline.gateway.auth;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import io.ringline.gateway.config.GatewayProperties;
import io.ringline.gateway.layer.evogo.GoInstanceTokens;
import io.ringline.gateway.tenancy.Caller;
import io.ringline.platform.security.Credential;
import io.ringline.platform.security.CredentialRefusals;
import io.ringline.platform.security.RinglineSecurity;
import io.ringline.platform.security.SharedToken;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The gateway's one security chain: who may call which route (docs/security.md, "Authentication and
 * authorization"). The first rule that matches decides; a route no rule names is refused (deny by default). A new
 * route needs a rule here and a row in {@code GatewayRoutesSecurityIntegrationTest}.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {

    static final String API_KEY_HEADER = "x-api-key";
    static final String OPERATOR_HEADER = "x-operator-token";

    @Bean
    SecurityWebFilterChain gatewaySecurityChain(ServerHttpSecurity http, RinglineSecurity security, ApiKeyCache keys,
            GoInstanceTokens goInstances, GatewayProperties props) {
        Credential<Caller> apiKey = new Credential<>("api-key", API_KEY_HEADER, keys,
                CredentialRefusals.json(security.errors(), "Missing x-api-key header", "Invalid API key"),
                Caller.ATTRIBUTE);
        Credential<String> operator = new Credential<>("operator-token", OPERATOR_HEADER,
                new SharedToken(props.operatorToken(), "operator",
                        "ringline.gateway.operator-token (RINGLINE_OPERATOR_TOKEN)"),
                CredentialRefusals.json(security.errors(), "Missing or wrong x-operator-token header",
                        "Missing or wrong x-operator-token header"),
                null);
        Credential<Caller> goInstance = new Credential<>("go-instance-token", GoInstanceTokens.HEADER, goInstances,
                goInstances.refusals(security.errors()), Caller.ATTRIBUTE);

        return security.rules(http)
                // Provider webhooks authenticate by their own signatures and tokens, in their handlers.
                .permit(GET, "/webhooks/meta")
                .permit(POST, "/webhooks/meta", "/webhooks/evolution-go")
                .permit(GET, "/openapi.json", "/openapi.yaml")
                // Reserved for the softphone page (static content, no secrets).
                .permit(GET, "/chat/**")
                .require(operator, "/admin/**")
                .require(apiKey, Scopes.numberKeys(), "/v1/calls/**")
                .require(apiKey, Scopes.tenantKeys(), "/v1/numbers/**", "/v1/api-keys/**")
                .require(apiKey, "/v1/webhooks/**")
                .require(goInstance, "/api/layer/evolution-go/**")
                .build();
    }
}
