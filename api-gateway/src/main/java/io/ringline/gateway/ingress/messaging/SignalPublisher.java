package io.ringline.gateway.ingress.messaging;

import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.ProviderSignal;
import java.time.Clock;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Puts authenticated provider signals on {@code provider.signals} (key numberId, so one number's signals
 * stay in order). Completes only when the broker acknowledged the record (acks=all): a webhook is answered
 * 2xx only once it is durable, so the provider retries anything we could not keep.
 */
@Component
public class SignalPublisher {

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final Clock clock;

    SignalPublisher(KafkaTemplate<String, SpecificRecord> kafka, Clock clock) {
        this.kafka = kafka;
        this.clock = clock;
    }

    /**
     * Completes with the signal's id once the broker has it.
     *
     * @param occurredAt the provider's own time of the event, read from the payload; null when it gives none
     */
    public Mono<String> publish(BusinessNumber number, String kind, String payloadJson, Instant occurredAt) {
        return Mono.defer(() -> {
            ProviderSignal signal = ProviderSignalMapper.toAvro(number, kind, payloadJson, occurredAt,
                    clock.instant());
            return Mono.fromFuture(kafka.send(new ProducerRecord<>(Topics.PROVIDER_SIGNALS.name(), number.id(), signal)))
                    .thenReturn(signal.getSignalId());
        }).subscribeOn(Schedulers.boundedElastic()); // producer.send may block on metadata
    }
}
