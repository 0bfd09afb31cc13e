package io.ringline.gateway.tenancy.messaging;

import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.schemas.avro.Provider;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Number → the {@code NumberContext} every command and signal carries, so the services downstream can act
 * for the number without reading the gateway's tables. Credentials stay in their SecretBox envelope.
 */
public final class NumberContextMapper {

    private NumberContextMapper() {
    }

    public static NumberContext toAvro(BusinessNumber number) {
        return NumberContext.newBuilder()
                .setNumberId(number.id())
                .setTenantId(number.tenantId())
                .setProvider(switch (number.provider()) {
                    case META -> Provider.META;
                    case EVO_GO -> Provider.EVO_GO;
                    case UNKNOWN -> Provider.UNKNOWN;
                })
                .setPhone(number.phone())
                .setBaseUrl(number.endpoint().baseUrl().toString())
                .setAccountId(number.endpoint().accountId())
                .setEncryptedCredentials(number.encryptedCredentials())
                .setVersion(number.version())
                .build();
    }

    /**
     * The same context as JSON, for the signaling service's number-level operations over HTTP
     * (docs/internal-apis.md "Number-level provider operations"): same field names as the Avro record.
     */
    public static ObjectNode toJson(BusinessNumber number, JsonMapper json) {
        NumberContext context = toAvro(number);
        return json.createObjectNode()
                .put("numberId", context.getNumberId())
                .put("tenantId", context.getTenantId())
                .put("provider", context.getProvider().name())
                .put("phone", context.getPhone())
                .put("baseUrl", context.getBaseUrl())
                .put("accountId", context.getAccountId())
                .put("encryptedCredentials", context.getEncryptedCredentials())
                .put("version", context.getVersion());
    }
}
