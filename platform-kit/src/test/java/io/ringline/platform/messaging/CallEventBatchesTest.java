package io.ringline.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringline.platform.KitEvents;
import io.ringline.platform.kafka.OrderedBatchProcessor;
import io.ringline.platform.kafka.PoisonRecordException;
import io.ringline.schemas.avro.CallEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** {@link CallEventBatches} over a real {@link OrderedBatchProcessor}; the dead-letter recoverer records. */
class CallEventBatchesTest {

    private static final String TOPIC = "call-events";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> deadLettered = Collections.synchronizedList(new ArrayList<>());
    private final CallEventBatches callEvents = new CallEventBatches(new OrderedBatchProcessor(
            (record, reason) -> deadLettered.add(record.key() + ": " + reason.getMessage()), meters, 4,
            Duration.ofSeconds(10)));

    private long offset;

    @Test
    void eachKeepsOneCallsOrderCountsDuplicatesAndDeadLettersWhatIsNotACallEvent() {
        Map<String, List<String>> appliedByCall = new ConcurrentHashMap<>();
        List<ConsumerRecord<String, SpecificRecord>> records = List.of(
                record(event("a1", "call_a")), record(event("b1", "call_b")), record(notACallEvent("x")),
                record(event("a2", "call_a")), record(event("b2-dup", "call_b")), record(event("a3", "call_a")));

        callEvents.each(records, CallEvent::getEventId, eventId -> {
            String callId = eventId.substring(0, 1);
            appliedByCall.computeIfAbsent(callId, c -> Collections.synchronizedList(new ArrayList<>())).add(eventId);
            return Mono.just(eventId.endsWith("-dup"));
        });

        assertThat(appliedByCall).containsOnlyKeys("a", "b");
        assertThat(appliedByCall.get("a")).containsExactly("a1", "a2", "a3");
        assertThat(appliedByCall.get("b")).containsExactly("b1", "b2-dup");
        assertThat(deadLettered).singleElement().asString().startsWith("x: not a CallEvent");
        assertThat(count("processed")).isEqualTo(5);
        assertThat(count("duplicate")).isEqualTo(1);
        assertThat(count("dead_lettered")).isEqualTo(1);
    }

    @Test
    void eachDeadLettersWhatDecodeRefusesAndSkipsWhatDecodesToNothing() {
        List<String> applied = Collections.synchronizedList(new ArrayList<>());
        List<ConsumerRecord<String, SpecificRecord>> records = List.of(
                record(event("ok", "call_a")), record(event("bad", "call_b")), record(event("skip", "call_c")));

        callEvents.each(records, event -> switch (event.getEventId()) {
            case "bad" -> throw new PoisonRecordException("breaks the contract");
            case "skip" -> null;
            default -> event.getEventId();
        }, eventId -> {
            applied.add(eventId);
            return Mono.just(false);
        });

        assertThat(applied).containsExactly("ok");
        assertThat(deadLettered).containsExactly("bad: breaks the contract");
        assertThat(count("processed")).isEqualTo(2);
        assertThat(count("dead_lettered")).isEqualTo(1);
    }

    @Test
    void togetherHandsEveryDecodedEventOverInOffsetOrderAsOneUnit() {
        List<List<String>> units = new ArrayList<>();
        List<ConsumerRecord<String, SpecificRecord>> records = List.of(
                record(event("a1", "call_a")), record(notACallEvent("x")), record(event("b1", "call_b")),
                record(event("skip", "call_c")), record(event("a2", "call_a")));

        callEvents.together(records, event -> "skip".equals(event.getEventId()) ? null : event.getEventId(),
                eventIds -> {
                    units.add(List.copyOf(eventIds));
                    return Mono.just(1L); // one of them had been applied before
                },
                eventId -> Mono.error(new AssertionError("record by record only when the unit fails")));

        assertThat(units).containsExactly(List.of("a1", "b1", "a2"));
        assertThat(deadLettered).singleElement().asString().startsWith("x: not a CallEvent");
        assertThat(count("processed")).isEqualTo(4);
        assertThat(count("duplicate")).isEqualTo(1);
    }

    @Test
    void togetherRedoesAFailedUnitRecordByRecordSoOnlyTheRefusedRecordIsDeadLettered() {
        List<String> applied = Collections.synchronizedList(new ArrayList<>());
        List<ConsumerRecord<String, SpecificRecord>> records = List.of(
                record(event("a1", "call_a")), record(event("refused", "call_b")), record(event("a2", "call_a")));

        callEvents.together(records, CallEvent::getEventId,
                eventIds -> Mono.error(new IllegalStateException("the database refuses one row")),
                eventId -> {
                    if (eventId.equals("refused")) {
                        return Mono.error(new IllegalStateException("row refused"));
                    }
                    applied.add(eventId);
                    return Mono.just(eventId.equals("a2"));
                });

        assertThat(applied).containsExactly("a1", "a2");
        assertThat(deadLettered).containsExactly("refused: row refused");
        assertThat(count("duplicate")).isEqualTo(1);
        assertThat(count("dead_lettered")).isEqualTo(1);
    }

    private double count(String outcome) {
        var counter = meters.find("ringline.kafka.records").tag("topic", TOPIC).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private ConsumerRecord<String, SpecificRecord> record(SpecificRecord value) {
        String key = value instanceof CallEvent event ? event.getEventId() : ((Stub) value).key;
        return new ConsumerRecord<>(TOPIC, 0, offset++, key, value);
    }

    private static CallEvent event(String eventId, String callId) {
        return KitEvents.event(eventId, callId);
    }

    private static SpecificRecord notACallEvent(String key) {
        return new Stub(key);
    }

    /** Some other record on the topic: poison to a call-events consumer. */
    private record Stub(String key) implements SpecificRecord {
        @Override
        public void put(int i, Object v) {
        }

        @Override
        public Object get(int i) {
            return null;
        }

        @Override
        public Schema getSchema() {
            return Schema.create(Schema.Type.NULL);
        }
    }
}
