package io.ringline.signaling.call.messaging;

import io.ringline.platform.kafka.OrderedBatchProcessor;
import io.ringline.platform.kafka.PoisonRecordException;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.signaling.call.application.CommandService;
import io.ringline.signaling.call.application.IncomingCommand;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Consumes {@code calls.commands}: one call's commands in order, different calls concurrently, each answered. */
@Component
class CallCommandListener {

    private final OrderedBatchProcessor batches;
    private final InboundAvroMapper avro;
    private final CommandService commands;
    private final CommandReplies replies;

    CallCommandListener(OrderedBatchProcessor batches, InboundAvroMapper avro, CommandService commands,
            CommandReplies replies) {
        this.batches = batches;
        this.avro = avro;
        this.commands = commands;
        this.replies = replies;
    }

    @KafkaListener(id = "signaling.commands", idIsGroup = false, topics = "calls.commands")
    void onCommands(List<ConsumerRecord<String, SpecificRecord>> records) {
        batches.process(records, CallCommandListener::callId, this::handle);
    }

    private static String callId(SpecificRecord value) {
        return ((CallCommand) value).getCallId();
    }

    private Mono<Void> handle(ConsumerRecord<String, SpecificRecord> record) {
        return Mono.defer(() -> {
            if (!(record.value() instanceof CallCommand command)) {
                return Mono.error(new PoisonRecordException("not a CallCommand: " + record.value().getSchema().getFullName()));
            }
            IncomingCommand incoming = avro.command(command);
            return commands.execute(incoming).flatMap(outcome -> replies.send(record, incoming, outcome));
        });
    }
}
