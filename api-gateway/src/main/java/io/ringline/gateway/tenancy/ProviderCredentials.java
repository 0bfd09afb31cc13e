package io.ringline.gateway.tenancy;

/**
 * A number's provider secrets. Only ever stored and sent encrypted; {@code toString} never shows them so
 * they cannot leak into logs.
 */
public sealed interface ProviderCredentials permits ProviderCredentials.EvoGo, ProviderCredentials.Meta {

    ProviderKind provider();

    /** The GO instance token: sent to GO as {@code apikey} and authenticates GO's webhooks to us. */
    record EvoGo(String instanceToken) implements ProviderCredentials {
        @Override
        public ProviderKind provider() {
            return ProviderKind.EVO_GO;
        }

        @Override
        public String toString() {
            return "EvoGo[instanceToken=***]";
        }
    }

    /**
     * @param accessToken Graph API bearer token
     * @param appSecret   verifies {@code X-Hub-Signature-256} of Meta's webhooks
     * @param verifyToken echoed in Meta's webhook subscription handshake; optional
     */
    record Meta(String accessToken, String appSecret, String verifyToken) implements ProviderCredentials {
        @Override
        public ProviderKind provider() {
            return ProviderKind.META;
        }

        @Override
        public String toString() {
            return "Meta[accessToken=***, appSecret=***, verifyToken=" + (verifyToken == null ? "null" : "***") + "]";
        }
    }
}
