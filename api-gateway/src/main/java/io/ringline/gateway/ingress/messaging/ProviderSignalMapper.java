package io.ringline.gateway.ingress.messaging;

import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.gateway.tenancy.messaging.NumberContextMapper;
import io.ringline.platform.ids.SignalIds;
import io.ringline.schemas.avro.ProviderSignal;
import java.time.Instant;

/** Authenticated provider webhook item → Avro {@code ProviderSignal} (the only direction signals travel). */
final class ProviderSignalMapper {

    private ProviderSignalMapper() {
    }

    /**
     * The id ({@link SignalIds}) is the provider's time of the event, from the payload (so a provider's duplicate
     * delivery has it too), then the hash of number, kind and payload.
     *
     * @param occurredAt the provider's own time of the event, null when its payload gives none
     */
    public static ProviderSignal toAvro(BusinessNumber number, String kind, String payloadJson, Instant occurredAt,
            Instant receivedAt) {
        return ProviderSignal.newBuilder()
                .setSignalId(SignalIds.of(number.id(), kind, payloadJson, occurredAt))
                .setReceivedAt(receivedAt)
                .setNumber(NumberContextMapper.toAvro(number))
                .setKind(kind)
                .setPayloadJson(payloadJson)
                .build();
    }
}
