package io.ringline.media.play.messaging;

import io.ringline.media.play.PlayEvents;
import io.ringline.media.play.PlayOutcome;
import io.ringline.platform.ids.Ids;
import io.ringline.platform.ids.SignalIds;
import io.ringline.platform.internalapi.NumberContextBody;
import io.ringline.platform.outbox.OutboxWriter;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.schemas.avro.Provider;
import io.ringline.schemas.avro.ProviderSignal;
import java.time.Clock;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link PlayEvents} through the outbox. Reports a play's end to the signaling service, which owns every call's event sequence and publishes
 * {@code call.play_finished} on {@code call-events} (docs/internal-apis.md): a {@code media.play_finished} signal
 * on {@code provider.signals}, written through this service's outbox (so it is published once the row is, and
 * retried until the broker has it). Its id ({@link SignalIds}) is the play's creation time (from its id) and a hash
 * of number, kind and play: a repeat of the same play's end is recognised downstream, and ids sort by time.
 */
@Component
class OutboxPlayEvents implements PlayEvents {

    static final String KIND = "media.play_finished";

    /** The signal's payload (docs/internal-apis.md "Media signals"); a record, so its JSON keeps this order. */
    record Finished(String callId, String externalCallId, String playId, String outcome) {
    }

    private final OutboxWriter outbox;
    private final JsonMapper json;
    private final Clock clock;

    OutboxPlayEvents(OutboxWriter outbox, JsonMapper json, Clock clock) {
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Mono<Void> finished(NumberContextBody number, String callId, String externalCallId, String playId,
            PlayOutcome outcome) {
        return Mono.defer(() -> {
            String payload = json.writeValueAsString(new Finished(callId, externalCallId, playId, outcome.wire()));
            ProviderSignal signal = ProviderSignal.newBuilder()
                    .setSignalId(SignalIds.of(number.numberId(), KIND, playId, Ids.createdAt("play", playId)))
                    .setReceivedAt(clock.instant())
                    .setNumber(avro(number))
                    .setKind(KIND)
                    .setPayloadJson(payload)
                    .build();
            return outbox.append(Topics.PROVIDER_SIGNALS, number.numberId(), signal);
        });
    }

    private static NumberContext avro(NumberContextBody n) {
        return NumberContext.newBuilder()
                .setNumberId(n.numberId())
                .setTenantId(n.tenantId())
                .setProvider(Provider.EVO_GO)
                .setPhone(n.phone() == null ? "" : n.phone())
                .setBaseUrl(n.baseUrl() == null ? "" : n.baseUrl())
                .setAccountId(n.accountId() == null ? "" : n.accountId())
                .setEncryptedCredentials(n.encryptedCredentials() == null ? "" : n.encryptedCredentials())
                .setVersion(n.version() == null ? 0 : n.version())
                .build();
    }
}
