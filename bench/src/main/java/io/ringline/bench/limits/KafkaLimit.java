package io.ringline.bench.limits;

import io.ringline.bench.load.Latencies;
import io.ringline.bench.observe.CpuMeter;
import io.ringline.bench.observe.Meters;
import io.ringline.bench.report.Num;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.Direction;
import io.ringline.schemas.avro.Provider;
import io.ringline.schemas.serde.SingleObjectAvroDeserializer;
import io.ringline.schemas.serde.SingleObjectAvroSerializer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The bare Kafka limit: call events with the platform's serde (Avro single-object encoding) and producer settings
 * ({@code acks=all}, idempotent, {@code linger.ms=1}) produced to a fresh 6-partition topic on the platform's broker
 * and consumed back by one consumer in this JVM, with at most {@value #WINDOW} records produced but not yet consumed.
 * Rate: records consumed per second; latency: produce call → consumed.
 */
public final class KafkaLimit {

    static final int WINDOW = 1000;
    private static final int PARTITIONS = 6;

    private KafkaLimit() {
    }

    public static LimitReport measure(String bootstrap, Duration duration, CpuMeter cpu) {
        String topic = "bench.limit." + System.currentTimeMillis();
        try (Admin admin = Admin.create(adminProps(bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerProps(bootstrap));
                 KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(consumerProps(bootstrap))) {
                consumer.subscribe(List.of(topic));
                long assignDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (consumer.assignment().size() < PARTITIONS && System.nanoTime() < assignDeadline) {
                    consumer.poll(Duration.ofMillis(100));
                }
                return loop(topic, producer, consumer, duration, cpu);
            } finally {
                admin.deleteTopics(List.of(topic));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka limit failed: " + e, e);
        }
    }

    private static LimitReport loop(String topic, KafkaProducer<String, SpecificRecord> producer,
            KafkaConsumer<String, SpecificRecord> consumer, Duration duration, CpuMeter cpu) throws Exception {
        Semaphore window = new Semaphore(WINDOW);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean measuring = new AtomicBoolean();
        Latencies latencies = new Latencies();
        LongAdder consumed = new LongAdder();
        LongAdder errors = new LongAdder();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(50))) {
                    Header sent = record.headers().lastHeader("t");
                    if (sent != null && measuring.get()) {
                        latencies.recordNanos(System.nanoTime() - ByteBuffer.wrap(sent.value()).getLong());
                        consumed.increment();
                    }
                    window.release();
                }
            }
        }, "kafka-limit-consumer");
        reader.start();
        AtomicLong sequence = new AtomicLong();
        long warmupEnd = System.nanoTime() + duration.dividedBy(3).toNanos();
        produceUntil(warmupEnd, topic, producer, window, sequence, errors);
        // Whatever is in flight from the warm-up still counts towards the window, not towards the rate.
        var before = cpu.snapshot();
        measuring.set(true);
        long start = System.nanoTime();
        produceUntil(start + duration.toNanos(), topic, producer, window, sequence, errors);
        measuring.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        var after = cpu.snapshot();
        long count = consumed.sum();
        stop.set(true);
        reader.join(10_000);
        return new LimitReport("bare Kafka produce → consume, platform serde and producer settings, window "
                + WINDOW, Num.round(count / seconds, 1), Num.round(latencies.percentileMs(50)),
                Num.round(latencies.percentileMs(99)), WINDOW, errors.sum(), Meters.perOperation(before, after, count));
    }

    private static void produceUntil(long until, String topic, KafkaProducer<String, SpecificRecord> producer,
            Semaphore window, AtomicLong sequence, LongAdder errors) throws InterruptedException {
        while (System.nanoTime() < until) {
            if (!window.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                continue;
            }
            long n = sequence.incrementAndGet();
            String key = "num_limit_" + (n % 64);
            var record = new ProducerRecord<String, SpecificRecord>(topic, key, event(n, key));
            record.headers().add("t", ByteBuffer.allocate(8).putLong(System.nanoTime()).array());
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    errors.increment();
                    window.release();
                }
            });
        }
    }

    private static CallEvent event(long n, String numberId) {
        return CallEvent.newBuilder().setEventId("evt_limit_" + n).setType(CallEventType.CALL_RINGING)
                .setOccurredAt(Instant.now()).setSequence(n).setTenantId("ten_limit").setNumberId(numberId)
                .setProvider(Provider.EVO_GO).setCallId("call_limit_" + n).setExternalCallId("ext_" + n)
                .setDirection(Direction.OUTBOUND).setStatus(CallStatus.RINGING).setPeerNumber("+5511999990000")
                .build();
    }

    private static Properties adminProps(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return props;
    }

    /** What ringline-platform-defaults.yml gives every service's producer. */
    public static Properties producerProps(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, SingleObjectAvroSerializer.class);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "bench");
        return props;
    }

    private static Properties consumerProps(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-limit-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, SingleObjectAvroDeserializer.class);
        return props;
    }
}
