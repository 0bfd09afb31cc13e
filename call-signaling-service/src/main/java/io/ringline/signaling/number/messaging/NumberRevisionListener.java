package io.ringline.signaling.number.messaging;

import io.ringline.platform.kafka.OrderedBatchProcessor;
import io.ringline.platform.kafka.PoisonRecordException;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.schemas.avro.NumberRevision;
import io.ringline.signaling.number.NumberAccount;
import io.ringline.signaling.number.NumberReplica;
import io.ringline.signaling.number.Provider;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Consumes the compacted {@code numbers} topic into the {@link NumberReplica}, one number's revisions in order.
 * The service's consumer group starts at the topic's beginning, so a new deployment replicates every number;
 * a revision older than the stored one changes nothing, so replays and redeliveries are harmless. A record that
 * is not a readable revision goes to {@code numbers.DLT} and the rest go on. Credentials are never logged: only
 * the key (the number id) and the reason are.
 */
@Component
class NumberRevisionListener {

    private final OrderedBatchProcessor batches;
    private final NumberReplica replica;

    NumberRevisionListener(OrderedBatchProcessor batches, NumberReplica replica) {
        this.batches = batches;
        this.replica = replica;
    }

    @KafkaListener(id = "signaling.numbers", idIsGroup = false,
            topics = "#{T(io.ringline.schemas.Topics).NUMBERS.name()}")
    void onRevisions(List<ConsumerRecord<String, SpecificRecord>> records) {
        batches.process(records, NumberRevisionListener::numberId, this::handle);
    }

    private static String numberId(SpecificRecord value) {
        return ((NumberRevision) value).getNumber().getNumberId();
    }

    private Mono<Void> handle(ConsumerRecord<String, SpecificRecord> record) {
        return Mono.defer(() -> {
            if (!(record.value() instanceof NumberRevision revision)) {
                return Mono.error(new PoisonRecordException("not a NumberRevision: "
                        + record.value().getSchema().getFullName()));
            }
            return replica.apply(account(revision.getNumber()), revision.getDeleted());
        });
    }

    static NumberAccount account(NumberContext number) {
        Provider provider = switch (number.getProvider()) {
            case META -> Provider.META;
            case EVO_GO -> Provider.EVO_GO;
            case UNKNOWN -> Provider.NONE;
            case null -> throw new PoisonRecordException("number.provider is missing");
        };
        return new NumberAccount(require(number.getNumberId(), "number.numberId"),
                require(number.getTenantId(), "number.tenantId"), provider, require(number.getPhone(), "number.phone"),
                require(number.getBaseUrl(), "number.baseUrl"), require(number.getAccountId(), "number.accountId"),
                require(number.getEncryptedCredentials(), "number.encryptedCredentials"), number.getVersion());
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new PoisonRecordException(field + " is missing");
        }
        return value;
    }
}
