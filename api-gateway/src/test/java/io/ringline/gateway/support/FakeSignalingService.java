package io.ringline.gateway.support;

import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.AcceptCall;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.CallSnapshot;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.CommandError;
import io.ringline.schemas.avro.CommandReply;
import io.ringline.schemas.avro.PlaceCall;
import io.ringline.schemas.avro.PreAcceptCall;
import io.ringline.schemas.avro.RejectCall;
import io.ringline.schemas.avro.TerminateCall;
import io.ringline.schemas.serde.SingleObjectAvroSerializer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays call-signaling-service on Kafka: reads {@code calls.commands} and answers each command on
 * {@code calls.replies} with the request's {@code kafka_correlationId}, as docs/internal-apis.md says.
 * What it answers is scripted per number. By default, like the real service, an action resolves the call
 * reference it carries among the calls {@link FakeInternalServices} holds for the number and answers
 * {@code 404 CALL_NOT_FOUND} when there is none; every other command succeeds.
 */
public final class FakeSignalingService {

    public static final String CORRELATION_HEADER = "kafka_correlationId";

    /** A reply for a command, or null for "never answer". */
    public interface Behaviour extends Function<CallCommand, CommandReply> {
    }

    private final KafkaRecorder commands;
    private final KafkaProducer<String, SpecificRecord> producer;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final BiFunction<String, String, Optional<String>> calls;

    FakeSignalingService(String bootstrap, BiFunction<String, String, Optional<String>> calls) {
        this.calls = calls;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new SingleObjectAvroSerializer());
        this.commands = new KafkaRecorder(bootstrap, Topics.CALL_COMMANDS.name(), this::answer);
    }

    /** One on a broker of its own (the degradation tests stop and restart theirs); no calls to resolve. */
    public static FakeSignalingService onBroker(String bootstrap) {
        return new FakeSignalingService(bootstrap, (number, ref) -> Optional.empty());
    }

    public void behave(String numberId, Behaviour behaviour) {
        behaviours.put(numberId, behaviour);
    }

    public List<ConsumerRecord<String, SpecificRecord>> commandsFor(String numberId) {
        return commands.keyed(numberId);
    }

    private void answer(ConsumerRecord<String, SpecificRecord> record) {
        if (!(record.value() instanceof CallCommand command)) {
            return;
        }
        CommandReply reply = behaviours.getOrDefault(command.getNumberId(), this::resolveAndSucceed).apply(command);
        if (reply == null) {
            return;
        }
        Header correlation = record.headers().lastHeader(CORRELATION_HEADER);
        ProducerRecord<String, SpecificRecord> out =
                new ProducerRecord<>(Topics.CALL_REPLIES.name(), record.key(), reply);
        if (correlation != null) {
            out.headers().add(CORRELATION_HEADER, correlation.value());
        }
        producer.send(out);
    }

    private CommandReply resolveAndSucceed(CallCommand command) {
        if (command.getAction() instanceof PlaceCall) {
            return succeed(command);
        }
        return calls.apply(command.getNumberId(), command.getCallId())
                .map(id -> succeed(command, id))
                .orElseGet(() -> fail(404, "CALL_NOT_FOUND", "Call not found", null).apply(command));
    }

    /** The provider accepted, the call moves as the action implies. */
    public static CommandReply succeed(CallCommand command) {
        return succeed(command, command.getCallId());
    }

    private static CommandReply succeed(CallCommand command, String callId) {
        CallStatus status = switch (command.getAction()) {
            case PlaceCall p -> CallStatus.INITIATED;
            case PreAcceptCall p -> CallStatus.RINGING;
            case AcceptCall a -> CallStatus.ACCEPTED;
            case RejectCall r -> CallStatus.REJECTED;
            case TerminateCall t -> CallStatus.COMPLETED;
            default -> throw new IllegalArgumentException("unknown action " + command.getAction());
        };
        return CommandReply.newBuilder()
                .setCommandId(command.getCommandId())
                .setCallId(command.getCallId())
                .setCall(CallSnapshot.newBuilder().setId(callId)
                        .setExternalCallId("ext-" + callId).setStatus(status).build())
                .build();
    }

    public static Behaviour fail(int httpStatus, String code, String message, String detailsJson) {
        return command -> CommandReply.newBuilder()
                .setCommandId(command.getCommandId())
                .setCallId(command.getCallId())
                .setError(CommandError.newBuilder().setHttpStatus(httpStatus).setCode(code).setMessage(message)
                        .setDetailsJson(detailsJson).build())
                .build();
    }

    public static Behaviour silent() {
        return command -> null;
    }
}
