package io.ringline.signaling.call.messaging;

import io.ringline.schemas.Topics;
import io.ringline.signaling.call.application.CommandOutcome;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Answers a command on the topic its sender named ({@code kafka_replyTopic}, default
 * {@code calls.replies}), with the sender's correlation id, keyed by number.
 */
@Component
class CommandReplier {

    private final KafkaTemplate<String, Object> kafka;
    private final OutboundAvroMapper avro;

    @SuppressWarnings("unchecked")
    CommandReplier(@Qualifier("kafkaTemplate") KafkaTemplate<?, ?> kafkaTemplate, OutboundAvroMapper avro) {
        this.kafka = (KafkaTemplate<String, Object>) kafkaTemplate;
        this.avro = avro;
    }

    Mono<Void> send(ConsumerRecord<String, ?> request, AddressedCommand command, CommandOutcome outcome) {
        Header replyTopic = request.headers().lastHeader(KafkaHeaders.REPLY_TOPIC);
        String topic = replyTopic == null ? Topics.CALL_REPLIES.name()
                : new String(replyTopic.value(), StandardCharsets.UTF_8);
        ProducerRecord<String, Object> reply = new ProducerRecord<>(topic, command.numberId(),
                avro.reply(command, outcome));
        Header correlation = request.headers().lastHeader(KafkaHeaders.CORRELATION_ID);
        if (correlation != null) {
            reply.headers().add(KafkaHeaders.CORRELATION_ID, correlation.value());
        }
        // send() may block on metadata: keep it off the event loop the previous step finished on.
        return Mono.fromFuture(() -> kafka.send(reply)).subscribeOn(Schedulers.boundedElastic()).then();
    }
}
