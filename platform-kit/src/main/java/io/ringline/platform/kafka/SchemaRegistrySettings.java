package io.ringline.platform.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client properties that make Apicurio's Avro serdes write and read the Confluent wire format (magic byte 0,
 * 4-byte schema id, Avro binary body) against the configured registry: ids in the payload rather than in Kafka
 * headers (the outbox stores values only), the 4-byte id handler, content ids (the ids the registry's
 * Confluent-compatible API hands out), and generated classes on the reading side.
 */
final class SchemaRegistrySettings {

    private SchemaRegistrySettings() {
    }

    static Map<String, Object> producer(KafkaPlatformProperties.SchemaRegistry registry) {
        Map<String, Object> settings = common(registry);
        settings.put("apicurio.registry.auto-register", Boolean.toString(registry.autoRegister()));
        return settings;
    }

    static Map<String, Object> consumer(KafkaPlatformProperties.SchemaRegistry registry) {
        Map<String, Object> settings = common(registry);
        settings.put("apicurio.registry.use-specific-avro-reader", "true");
        return settings;
    }

    private static Map<String, Object> common(KafkaPlatformProperties.SchemaRegistry registry) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("apicurio.registry.url", registry.url().strip());
        settings.put("apicurio.registry.headers.enabled", "false");
        settings.put("apicurio.registry.as-confluent", "true");
        settings.put("apicurio.registry.use-id", "contentId");
        return settings;
    }
}
