package io.ringline.signaling.call.messaging;

import io.ringline.platform.outbox.OutboxWriter;
import io.ringline.schemas.Topics;
import io.ringline.signaling.call.CallEvent;
import io.ringline.signaling.call.NumberEvent;
import io.ringline.signaling.call.application.CallEventSink;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Call events go to {@code call-events} through the outbox, keyed by number so a call's events stay in order. */
@Component
class OutboxCallEventSink implements CallEventSink {

    private final OutboxWriter outbox;
    private final OutboundAvroMapper avro;

    OutboxCallEventSink(OutboxWriter outbox, OutboundAvroMapper avro) {
        this.outbox = outbox;
        this.avro = avro;
    }

    @Override
    public Mono<Void> append(CallEvent event) {
        return Mono.defer(() -> outbox.append(Topics.CALL_EVENTS, event.call().number().numberId(), avro.event(event)));
    }

    @Override
    public Mono<Void> append(NumberEvent event) {
        return Mono.defer(() -> outbox.append(Topics.CALL_EVENTS, event.number().numberId(), avro.event(event)));
    }
}
