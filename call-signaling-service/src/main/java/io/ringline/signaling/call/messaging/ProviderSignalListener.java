package io.ringline.signaling.call.messaging;

import io.ringline.platform.kafka.OrderedBatchProcessor;
import io.ringline.platform.kafka.PoisonRecordException;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.ProviderSignal;
import io.ringline.signaling.call.application.IncomingSignal;
import io.ringline.signaling.call.application.SignalService;
import io.ringline.signaling.call.provider.ProviderObservation;
import io.ringline.signaling.call.provider.ProviderObservation.AboutCall;
import io.ringline.signaling.call.provider.ProviderObservation.CallReports;
import io.ringline.signaling.call.provider.SignalInterpreters;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Consumes {@code provider.signals} a poll at a time: the poll's signals in one transaction, in offset order
 * ({@link SignalService#applyAll}). If the database refuses the poll, record by record, ordered per provider call id
 * (number-level signals per number), so only the refused record is dead-lettered with the unreadable ones
 * ({@link OrderedBatchProcessor#processTogether}). Each payload is read once per poll, since the order key is inside it.
 */
@Component
class ProviderSignalListener {

    /** A signal as read: either what it says or why it cannot be read. */
    private record Read(IncomingSignal signal, ProviderObservation observation, RuntimeException problem) {

        String orderKey() {
            if (problem != null) {
                throw problem;
            }
            String subject = switch (observation) {
                case AboutCall about -> "call:" + about.externalCallId();
                case CallReports reports when reports.firstCallId() != null -> "call:" + reports.firstCallId();
                default -> "number";
            };
            return signal.number().numberId() + "|" + subject;
        }
    }

    private final OrderedBatchProcessor batches;
    private final InboundAvroMapper avro;
    private final SignalInterpreters interpreters;
    private final SignalService signals;

    ProviderSignalListener(OrderedBatchProcessor batches, InboundAvroMapper avro, SignalInterpreters interpreters,
            SignalService signals) {
        this.batches = batches;
        this.avro = avro;
        this.interpreters = interpreters;
        this.signals = signals;
    }

    @KafkaListener(id = "signaling.signals", idIsGroup = false,
            topics = "#{T(io.ringline.schemas.Topics).PROVIDER_SIGNALS.name()}")
    void onSignals(List<ConsumerRecord<String, SpecificRecord>> records) {
        Map<SpecificRecord, Read> reads = new IdentityHashMap<>();
        for (ConsumerRecord<String, SpecificRecord> record : records) {
            if (record.value() instanceof ProviderSignal signal) {
                reads.put(signal, read(signal));
            }
        }
        batches.processTogether(records, value -> reads.get(value).orderKey(), record -> observed(record, reads),
                observed -> signals.applyAll(observed).doOnNext(this::countDuplicates).then(),
                record -> handle(record, reads));
    }

    private static SignalService.Observed observed(ConsumerRecord<String, SpecificRecord> record,
            Map<SpecificRecord, Read> reads) {
        Read read = reads.get(record.value());
        if (read == null) {
            throw new PoisonRecordException("not a ProviderSignal: " + record.value().getSchema().getFullName());
        }
        if (read.problem() != null) {
            throw new PoisonRecordException("unreadable signal: " + read.problem().getMessage(), read.problem());
        }
        return new SignalService.Observed(read.signal(), read.observation());
    }

    private void countDuplicates(int duplicates) {
        for (int i = 0; i < duplicates; i++) {
            batches.countDuplicate(Topics.PROVIDER_SIGNALS.name());
        }
    }

    private Read read(ProviderSignal value) {
        try {
            IncomingSignal signal = avro.signal(value);
            return new Read(signal, interpreters.interpret(signal.kind(), signal.payloadJson()), null);
        } catch (RuntimeException e) {
            return new Read(null, null, e);
        }
    }

    private Mono<Void> handle(ConsumerRecord<String, SpecificRecord> record, Map<SpecificRecord, Read> reads) {
        return Mono.fromCallable(() -> observed(record, reads))
                .flatMap(observed -> signals.apply(observed.signal(), observed.observation()))
                .doOnNext(first -> {
                    if (!first) {
                        batches.countDuplicate(record.topic());
                    }
                })
                .then();
    }
}
