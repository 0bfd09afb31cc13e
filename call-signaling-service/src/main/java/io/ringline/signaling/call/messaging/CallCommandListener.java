package io.ringline.signaling.call.messaging;

import io.ringline.platform.kafka.FailureClassifier;
import io.ringline.platform.kafka.OrderedBatchProcessor;
import io.ringline.platform.kafka.PoisonRecordException;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.signaling.SignalingProperties;
import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.call.application.CommandOutcome;
import io.ringline.signaling.call.application.CommandService;
import io.ringline.signaling.call.application.CommandService.Claim;
import io.ringline.signaling.call.application.IncomingCommand;
import io.ringline.signaling.number.NumberReplica;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Consumes {@code calls.commands}: one call's commands in order, different calls concurrently, each answered.
 * A command names its number by id and revision; the number comes from the {@link NumberReplica} (waiting up to
 * {@code ringline.signaling.number-wait} for a revision the numbers topic has not brought yet).
 *
 * <p>Inside the batch only what needs no provider happens: admission ({@link DetachedCommands}), the claiming
 * transaction, and the answer of a command refused or replayed without the provider. The provider request,
 * the transaction recording its answer and the reply run detached, so the batch (and every other tenant's
 * commands behind it) never waits for a provider. A command whose call still has an earlier command running
 * detached, or whose claim itself needs the provider (a GO instance never asked), is run whole, detached,
 * after its predecessor. See docs/decisions.md "Provider requests off the Kafka batch".
 */
@Component
class CallCommandListener implements ConsumerSeekAware {

    private static final long BUSY_RETRY_AFTER_SECONDS = 1;

    private final OrderedBatchProcessor batches;
    private final InboundAvroMapper avro;
    private final CommandService commands;
    private final CommandReplier replies;
    private final DetachedCommands detached;
    private final NumberReplica numbers;
    private final Duration numberWait;

    CallCommandListener(OrderedBatchProcessor batches, InboundAvroMapper avro, CommandService commands,
            CommandReplier replies, DetachedCommands detached, NumberReplica numbers, SignalingProperties props) {
        this.batches = batches;
        this.avro = avro;
        this.commands = commands;
        this.replies = replies;
        this.detached = detached;
        this.numbers = numbers;
        this.numberWait = props.numberWait();
    }

    @KafkaListener(id = "signaling.commands", idIsGroup = false,
            topics = "#{T(io.ringline.schemas.Topics).CALL_COMMANDS.name()}")
    void onCommands(List<ConsumerRecord<String, SpecificRecord>> records) {
        batches.process(records, CallCommandListener::callId, this::handle);
    }

    /** Before partitions move to another consumer, their detached commands finish (bounded), keeping call order. */
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        detached.awaitPartitions(partitions);
    }

    private static String callId(SpecificRecord value) {
        return ((CallCommand) value).getCallId();
    }

    private Mono<Void> handle(ConsumerRecord<String, SpecificRecord> record) {
        return Mono.defer(() -> {
            if (!(record.value() instanceof CallCommand command)) {
                return Mono.error(new PoisonRecordException("not a CallCommand: " + record.value().getSchema().getFullName()));
            }
            AddressedCommand addressed = avro.command(command);
            return numbers.atLeast(addressed.numberId(), addressed.numberVersion(), numberWait)
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .flatMap(replicated -> {
                        Optional<CommandError> refusal = NumberRefusals.of(addressed, replicated);
                        if (refusal.isPresent()) {
                            // nothing claimed or stored: the sender may simply try again
                            return replies.send(record, addressed, new CommandOutcome.Failed(addressed.callRef(),
                                    refusal.get()));
                        }
                        IncomingCommand incoming = addressed.with(replicated.orElseThrow().account());
                        return detached.admit(incoming.number().tenantId()).flatMap(admission -> admission.admitted()
                                ? Mono.defer(() -> route(record, addressed, incoming, admission))
                                        .doFinally(signal -> admission.close())
                                : replies.send(record, addressed, tenantBusy(incoming)));
                    });
        });
    }

    private Mono<Void> route(ConsumerRecord<String, SpecificRecord> record, AddressedCommand addressed,
            IncomingCommand incoming, DetachedCommands.Admission admission) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (detached.pending(incoming.callId())) {
            admission.detach(incoming.callId(), partition, () -> whole(record, addressed, incoming));
            return Mono.empty();
        }
        return commands.claim(incoming, false).flatMap(claim -> switch (claim) {
            case Claim.Answered answered -> replies.send(record, addressed, answered.outcome());
            case Claim.Claimed claimed -> {
                admission.detach(incoming.callId(), partition,
                        () -> claimed.providerPart().flatMap(outcome -> replies.send(record, addressed, outcome)));
                yield Mono.empty();
            }
            case Claim.NeedsProvider needs -> {
                admission.detach(incoming.callId(), partition, () -> whole(record, addressed, incoming));
                yield Mono.empty();
            }
        });
    }

    /**
     * Claim, provider and reply in one go, off the batch. Its offset is committed with the batch before the
     * claim: the database being down is waited out here (the claim is idempotent); a crash before the claim
     * drops the command unanswered, and its sender's timeout ({@code 504}, "nothing was changed") is then true.
     */
    private Mono<Void> whole(ConsumerRecord<String, SpecificRecord> record, AddressedCommand addressed,
            IncomingCommand incoming) {
        return commands.execute(incoming)
                .retryWhen(Retry.backoff(10, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(2))
                        .filter(FailureClassifier::isTransient))
                .flatMap(outcome -> replies.send(record, addressed, outcome));
    }

    private static CommandOutcome tenantBusy(IncomingCommand incoming) {
        return new CommandOutcome.Failed(incoming.callId(), new CommandError(503, "PROVIDER_BUSY",
                "Too many provider requests of this account are in progress; retry later",
                "{\"retryAfterSeconds\":" + BUSY_RETRY_AFTER_SECONDS + "}"));
    }
}
