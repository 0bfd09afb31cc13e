package io.ringline.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringline.platform.config.PlatformDefaults;
import io.ringline.platform.outbox.RecordEncoder;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.Direction;
import io.ringline.schemas.avro.Provider;
import io.ringline.schemas.serde.AvroTypes;
import io.ringline.schemas.serde.SingleObjectAvroDeserializer;
import io.ringline.schemas.serde.SingleObjectAvroSerializer;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The value serdes are chosen by configuration ({@code RINGLINE_KAFKA_VALUE_SERIALIZER} / {@code _DESERIALIZER},
 * through the platform defaults) and the outbox encodes with whatever the producers use. Without a registry running
 * here, the Apicurio (Confluent wire format) choice is proven as far as construction and configuration: the
 * serializer the outbox would encode with, the deserializer consumers would decode with, and the settings each gets.
 * Encoding against a live registry is not run (docs/topics.md says so).
 */
class ValueSerdeSwitchTest {

    private static final String APICURIO_SERIALIZER = "io.apicurio.registry.serde.avro.AvroKafkaSerializer";
    private static final String APICURIO_DESERIALIZER = "io.apicurio.registry.serde.avro.AvroKafkaDeserializer";
    private static final String REGISTRY = "http://registry.internal:8080/apis/registry/v2";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(context -> new PlatformDefaults()
                    .postProcessEnvironment(context.getEnvironment(), new SpringApplication()))
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaPlatformConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("spring.kafka.admin.auto-create=false", "spring.application.name=serde-test");

    @Test
    void byDefaultTheOutboxWritesSingleObjectAvroLikeEveryProducer() {
        runner.run(context -> {
            RecordEncoder encoder = context.getBean(RecordEncoder.class);
            assertThat(((SerializerRecordEncoder) encoder).serializer()).isInstanceOf(SingleObjectAvroSerializer.class);
            CallEvent event = event();
            assertThat(encoder.encode("call-events", event)).isEqualTo(AvroTypes.codec(CallEvent.class).encode(event));
            assertThat(consumerConfig(context.getBean(ConsumerFactory.class)))
                    .containsEntry("spring.deserializer.value.delegate.class", SingleObjectAvroDeserializer.class.getName())
                    .doesNotContainKey("apicurio.registry.url");
        });
    }

    @Test
    void theRegistrySerdesAreSelectedByConfigurationAndConfiguredForTheConfluentWireFormat() {
        runner.withPropertyValues(
                        "RINGLINE_KAFKA_VALUE_SERIALIZER=" + APICURIO_SERIALIZER,
                        "RINGLINE_KAFKA_VALUE_DESERIALIZER=" + APICURIO_DESERIALIZER,
                        "RINGLINE_KAFKA_SCHEMA_REGISTRY_URL=" + REGISTRY)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Map<String, Object> producer = context.getBean(ProducerFactory.class).getConfigurationProperties();
                    assertThat(producer)
                            .containsEntry("apicurio.registry.url", REGISTRY)
                            .containsEntry("apicurio.registry.headers.enabled", "false")
                            .containsEntry("apicurio.registry.as-confluent", "true")
                            .containsEntry("apicurio.registry.use-id", "contentId")
                            .containsEntry("apicurio.registry.auto-register", "true");
                    assertThat(((SerializerRecordEncoder) context.getBean(RecordEncoder.class)).serializer().getClass()
                            .getName()).isEqualTo(APICURIO_SERIALIZER);

                    Map<String, Object> consumer = consumerConfig(context.getBean(ConsumerFactory.class));
                    assertThat(consumer)
                            .containsEntry("spring.deserializer.value.delegate.class", APICURIO_DESERIALIZER)
                            .containsEntry("apicurio.registry.url", REGISTRY)
                            .containsEntry("apicurio.registry.as-confluent", "true")
                            .containsEntry("apicurio.registry.use-specific-avro-reader", "true");
                    // What the consumers' ErrorHandlingDeserializer builds from that configuration.
                    @SuppressWarnings("unchecked")
                    Deserializer<Object> deserializer = (Deserializer<Object>) Class.forName(APICURIO_DESERIALIZER)
                            .getDeclaredConstructor().newInstance();
                    deserializer.configure(consumer, false);
                    deserializer.close();
                });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> consumerConfig(ConsumerFactory<?, ?> factory) {
        return factory.getConfigurationProperties();
    }

    private static CallEvent event() {
        return CallEvent.newBuilder()
                .setEventId("evt_1").setType(CallEventType.CALL_RINGING).setOccurredAt(Instant.parse("2026-11-21T10:00:00Z"))
                .setSequence(1).setTenantId("ten_1").setNumberId("num_1").setProvider(Provider.EVO_GO)
                .setCallId("call_1").setExternalCallId(null).setDirection(Direction.INBOUND).setStatus(CallStatus.RINGING)
                .setEndReason(null).setPeerNumber("+5511999990000").setDurationSeconds(null)
                .setBizOpaqueCallbackData(null).setBilling(null).setPermissionStatus(null).setRawJson(null)
                .build();
    }
}
