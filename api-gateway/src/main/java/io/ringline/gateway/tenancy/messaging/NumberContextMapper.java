package io.ringline.gateway.tenancy.messaging;

import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.platform.internalapi.NumberContextBody;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.schemas.avro.Provider;

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
     * The same context as the body of internal HTTP requests (docs/internal-apis.md "Number-level provider
     * operations", the media bridge's play and realtime-session): same field names as the Avro record.
     */
    public static NumberContextBody toBody(BusinessNumber number) {
        NumberContext context = toAvro(number);
        return new NumberContextBody(context.getNumberId(), context.getTenantId(), context.getProvider().name(),
                context.getPhone(), context.getBaseUrl(), context.getAccountId(), context.getEncryptedCredentials(),
                context.getVersion());
    }
}
