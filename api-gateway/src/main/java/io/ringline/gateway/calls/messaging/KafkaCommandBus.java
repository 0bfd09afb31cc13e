package io.ringline.gateway.calls.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.gateway.calls.CommandBus;
import io.ringline.gateway.calls.RequestOutcome;
import io.ringline.gateway.calls.CommandRequest;
import io.ringline.gateway.config.GatewayProperties;
import io.ringline.platform.web.ApiException;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.CommandReply;
import java.time.Clock;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.requestreply.KafkaReplyTimeoutException;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request-reply over {@code calls.commands} / {@code calls.replies} with spring-kafka's
 * {@link ReplyingKafkaTemplate}. Every instance reads all of {@code calls.replies} in a consumer group of its
 * own, starting at the end, and keeps only its own correlation ids (the command id), so any number of
 * gateway instances each get their own replies.
 *
 * <p>The template and its reply consumer are built by {@link CallsMessagingConfiguration} ({@link CommandReplies}).
 */
@Component
class KafkaCommandBus implements CommandBus, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaCommandBus.class);
    private static final Duration ASSIGNMENT_WAIT = Duration.ofSeconds(30);

    private final ReplyingKafkaTemplate<String, SpecificRecord, SpecificRecord> replying;
    private final CommandReplies replies;
    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final CommandMetrics metrics;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration timeout;
    private volatile boolean running;

    KafkaCommandBus(CommandReplies replies, KafkaTemplate<String, SpecificRecord> kafka, GatewayProperties props,
            MeterRegistry meters, JsonMapper json, Clock clock) {
        this.replies = replies;
        this.replying = replies.template();
        this.kafka = kafka;
        this.metrics = new CommandMetrics(meters);
        this.json = json;
        this.clock = clock;
        this.timeout = props.commandTimeout();
    }

    @Override
    public Mono<RequestOutcome> send(CommandRequest command) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            // Inside the chain, so a send refused synchronously is mapped like one refused later.
            return Mono.fromCallable(() -> replying.sendAndReceive(record(command)))
                    .flatMap(future -> Mono.fromFuture(future.getSendFuture()).then(Mono.fromFuture(future)))
                    .map(this::outcome)
                    .onErrorResume(KafkaReplyTimeoutException.class, e -> {
                        log.warn("no reply to {} {} (call {}, number {}) within {}", command.action().name(),
                                command.commandId(), command.callId(), command.number().id(), timeout);
                        return Mono.just(new RequestOutcome.TimedOut());
                    })
                    .doOnNext(outcome -> metrics.record(command.action().name(), outcomeTag(outcome), since(started)))
                    .onErrorMap(e -> !(e instanceof ApiException), e -> {
                        metrics.record(command.action().name(), "unavailable", since(started));
                        return unavailable(e);
                    });
        }).subscribeOn(Schedulers.boundedElastic()); // producer.send may block on metadata: never on a Netty thread
    }

    @Override
    public Mono<Void> sendWithoutReply(CommandRequest command) {
        return Mono.defer(() -> Mono.fromFuture(kafka.send(record(command))))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }

    private ProducerRecord<String, SpecificRecord> record(CommandRequest command) {
        return new ProducerRecord<>(Topics.CALL_COMMANDS.name(), command.number().id(),
                CallCommandMapper.toAvro(command, clock.instant()));
    }

    private RequestOutcome outcome(ConsumerRecord<String, SpecificRecord> reply) {
        if (!(reply.value() instanceof CommandReply commandReply)) {
            throw new KafkaException("unexpected record on " + reply.topic() + ": "
                    + (reply.value() == null ? "null" : reply.value().getClass().getSimpleName()));
        }
        return CommandReplyMapper.toOutcome(commandReply, json);
    }

    private static String outcomeTag(RequestOutcome outcome) {
        return switch (outcome) {
            case RequestOutcome.Succeeded ok -> "ok";
            case RequestOutcome.Failed failed -> "error";
            case RequestOutcome.TimedOut timedOut -> "timeout";
        };
    }

    private static ApiException unavailable(Throwable e) {
        log.warn("command could not be delivered: {}", e.toString());
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                "Ringline's call service is temporarily unavailable; try again");
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    @Override
    public void start() {
        replying.start();
        running = true;
        try {
            // Commands sent before the reply consumer has its partitions would lose their replies.
            if (!replies.awaitAssignment(ASSIGNMENT_WAIT)) {
                log.warn("reply consumer not assigned to {} after {}; early commands may time out",
                        Topics.CALL_REPLIES.name(), ASSIGNMENT_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        replying.stop();
    }

    /**
     * Before the web server starts (its phase is DEFAULT_PHASE - 2048): replies are being read before the
     * first request can send a command, and still are while the server drains on shutdown.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
