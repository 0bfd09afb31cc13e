package io.ringline.gateway.tenancy.messaging;

import io.ringline.gateway.tenancy.ProviderKind;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.schemas.avro.NumberRevision;
import io.ringline.schemas.avro.Provider;
import java.time.Instant;

/** A row of the numbers table → the {@code NumberRevision} the numbers topic carries. */
final class NumberRevisionMapper {

    private NumberRevisionMapper() {
    }

    static NumberRevision toAvro(String id, String tenantId, String provider, String phone, String baseUrl,
            String accountId, String encryptedCredentials, long version, boolean deleted, Instant changedAt) {
        return NumberRevision.newBuilder()
                .setNumber(NumberContext.newBuilder()
                        .setNumberId(id)
                        .setTenantId(tenantId)
                        .setProvider(switch (ProviderKind.parse(provider)) {
                            case META -> Provider.META;
                            case EVO_GO -> Provider.EVO_GO;
                            case UNKNOWN -> Provider.UNKNOWN;
                        })
                        .setPhone(phone)
                        .setBaseUrl(baseUrl)
                        .setAccountId(accountId)
                        .setEncryptedCredentials(encryptedCredentials)
                        .setVersion(version)
                        .build())
                .setDeleted(deleted)
                .setChangedAt(changedAt)
                .build();
    }
}
