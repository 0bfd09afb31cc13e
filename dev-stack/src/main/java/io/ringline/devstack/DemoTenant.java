package io.ringline.devstack;

/**
 * What the dev stack seeded: written to .ringline/dev-stack.json and used by the system tests.
 *
 * @param operatorToken the gateway's operator token ({@code x-operator-token}) the tenant was created with
 */
public record DemoTenant(
        String gatewayUrl,
        String sandboxUrl,
        String tenantId,
        String tenantApiKey,
        DemoNumber metaNumber,
        DemoNumber evoGoNumber,
        String webhookId,
        String webhookSecret,
        String operatorToken) {

    public record DemoNumber(String id, String phone, String apiKey) {
    }
}
