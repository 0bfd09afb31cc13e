package io.ringline.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.platform.messaging.CallEventBatches;
import io.ringline.platform.outbox.RecordEncoder;
import io.ringline.schemas.Topic;
import io.ringline.schemas.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka wiring every service shares: the topics (and their dead-letter topics), a byte-array template
 * for already-encoded records (outbox, dead letters), the dead-letter recoverer, the container error
 * handler and the ordered batch processor.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(KafkaPlatformProperties.class)
public class KafkaPlatformConfiguration {

    /** Declared by every service; creation is idempotent, so whichever starts first creates them. */
    @Bean
    KafkaAdmin.NewTopics ringlineTopics(KafkaPlatformProperties props) {
        NewTopic[] topics = Topics.all().stream()
                .flatMap(t -> java.util.stream.Stream.of(topic(t.name(), t, props, t.compacted()),
                        topic(t.deadLetter(), t, props, false)))
                .toArray(NewTopic[]::new);
        return new KafkaAdmin.NewTopics(topics);
    }

    private static NewTopic topic(String name, Topic<?> topic, KafkaPlatformProperties props, boolean compacted) {
        TopicBuilder builder = TopicBuilder.name(name).partitions(topic.partitions()).replicas(props.replicationFactor());
        // A compacted topic is a table: its dead letters are not, they stay time-bounded like every other DLT.
        return (compacted ? builder.compact() : builder).build();
    }

    /**
     * With {@code ringline.kafka.schema-registry.url} set, producers and consumers get the settings Apicurio's serdes
     * need for the Confluent wire format (they are ignored by the default single-object serdes).
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer schemaRegistryProducerSettings(KafkaPlatformProperties props) {
        return factory -> {
            if (props.schemaRegistry().configured()) {
                factory.updateConfigs(SchemaRegistrySettings.producer(props.schemaRegistry()));
            }
        };
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer schemaRegistryConsumerSettings(KafkaPlatformProperties props) {
        return factory -> {
            if (props.schemaRegistry().configured()) {
                factory.updateConfigs(SchemaRegistrySettings.consumer(props.schemaRegistry()));
            }
        };
    }

    /** The outbox encodes with the producers' value serializer; replace this bean to encode otherwise. */
    @Bean
    @ConditionalOnMissingBean
    RecordEncoder recordEncoder(ProducerFactory<?, ?> producerFactory) {
        return new SerializerRecordEncoder(producerFactory.getConfigurationProperties());
    }

    @Bean
    @ConditionalOnMissingBean(name = "bytesKafkaTemplate")
    KafkaTemplate<String, byte[]> bytesKafkaTemplate(ProducerFactory<?, ?> producerFactory) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        @SuppressWarnings("unchecked")
        ProducerFactory<String, byte[]> bytes = ((DefaultKafkaProducerFactory<String, byte[]>) producerFactory)
                .copyWithConfigurationOverride(overrides);
        return new KafkaTemplate<>(bytes);
    }

    /**
     * Parks records on {@code <topic>.DLT}, keeping the key (so a number's dead letters stay together)
     * and letting Kafka choose the partition. Undecodable records are written with their original bytes.
     */
    @Bean
    DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(KafkaTemplate<?, ?> kafkaTemplate,
            KafkaTemplate<String, byte[]> bytesKafkaTemplate) {
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, bytesKafkaTemplate);
        templates.put(Object.class, kafkaTemplate);
        return new DeadLetterPublishingRecoverer(templates,
                (record, ex) -> new TopicPartition(record.topic() + ".DLT", -1));
    }

    /**
     * Reached only for failures the batch processor reports as transient (database or broker down):
     * retried with growing pauses for as long as it takes, never dead-lettered.
     */
    @Bean
    CommonErrorHandler kafkaErrorHandler(DeadLetterPublishingRecoverer recoverer) {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        return new DefaultErrorHandler(recoverer, backOff);
    }

    /** Once the listeners exist, the record counters of every topic they consume are registered at zero. */
    @Bean
    ApplicationListener<ApplicationStartedEvent> consumedTopicMetersAtZero(
            ObjectProvider<KafkaListenerEndpointRegistry> listeners, OrderedBatchProcessor processor) {
        return started -> listeners.ifAvailable(registry -> registry.getAllListenerContainers().forEach(container -> {
            String[] topics = container.getContainerProperties().getTopics();
            if (topics != null) {
                processor.expectTopics(java.util.List.of(topics));
            }
        }));
    }

    /** For the {@code @KafkaListener}s of consumer groups of one instance alone ({@link InstanceGroups}). */
    @Bean(InstanceGroups.COMMIT_NOTHING)
    ContainerPostProcessor<Object, Object, AbstractMessageListenerContainer<Object, Object>> instanceGroupCommitsNothing() {
        return InstanceGroups.commitNothing();
    }

    @Bean
    OrderedBatchProcessor orderedBatchProcessor(DeadLetterPublishingRecoverer recoverer, MeterRegistry meters,
            KafkaPlatformProperties props) {
        return new OrderedBatchProcessor(recoverer, meters, props.concurrency(), props.batchTimeout());
    }

    @Bean
    CallEventBatches callEventBatches(OrderedBatchProcessor processor) {
        return new CallEventBatches(processor);
    }
}
