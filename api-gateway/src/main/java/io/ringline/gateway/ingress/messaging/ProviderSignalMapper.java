package io.ringline.gateway.ingress.messaging;

import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.gateway.tenancy.messaging.NumberContextMapper;
import io.ringline.platform.crypto.Hashing;
import io.ringline.schemas.avro.ProviderSignal;
import java.time.Instant;

/** Authenticated provider webhook item → Avro {@code ProviderSignal} (the only direction signals travel). */
final class ProviderSignalMapper {

    private ProviderSignalMapper() {
    }

    public static ProviderSignal toAvro(BusinessNumber number, String kind, String payloadJson, Instant receivedAt) {
        return ProviderSignal.newBuilder()
                .setSignalId(signalId(number.id(), kind, payloadJson))
                .setReceivedAt(receivedAt)
                .setNumber(NumberContextMapper.toAvro(number))
                .setKind(kind)
                .setPayloadJson(payloadJson)
                .build();
    }

    /** Same number, kind and payload → same id: a provider's duplicate delivery is recognised downstream. */
    public static String signalId(String numberId, String kind, String payloadJson) {
        return Hashing.sha256Hex(numberId + "|" + kind + "|" + payloadJson);
    }
}
