package io.ringline.system.abuse.world;

import java.util.List;

/**
 * Everything the campaign knows about the running platform: where it listens, the two tenants it set up
 * (A, the victim whose resources are aimed at; B, the other tenant whose valid keys are used against A)
 * and the operator token. Secrets are also in the {@link SecretRegistry}.
 */
public record World(String host, int gatewayPort, int mediaPort, String sandboxUrl, String operatorToken,
        Tenant a, Tenant b, SecretRegistry secrets) {

    public List<Tenant> tenants() {
        return List.of(a, b);
    }

    /** The tenant that is not {@code t}. */
    public Tenant other(Tenant t) {
        return t == a ? b : a;
    }

    public String gatewayUrl() {
        return "http://" + host + ":" + gatewayPort;
    }
}
