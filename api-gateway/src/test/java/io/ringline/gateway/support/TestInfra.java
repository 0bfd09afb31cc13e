package io.ringline.gateway.support;

import io.ringline.infra.EmbeddedInfra;

/**
 * The fakes every integration test shares, one of each per test JVM (like the embedded broker and database).
 * Kafka-side fakes start only once the gateway's context has created the topics.
 */
public final class TestInfra {

    private static FakeInternalServices http;
    private static FakeSignalingService signaling;
    private static KafkaRecorder signals;
    private static KafkaRecorder numbers;

    private TestInfra() {
    }

    public static synchronized FakeInternalServices http() {
        if (http == null) {
            http = new FakeInternalServices();
        }
        return http;
    }

    public static synchronized FakeSignalingService signaling() {
        if (signaling == null) {
            signaling = new FakeSignalingService(EmbeddedInfra.shared().kafkaBootstrap(), http()::resolve);
        }
        return signaling;
    }

    /** What the gateway publishes on the numbers topic (through its outbox). */
    public static synchronized KafkaRecorder numbers() {
        if (numbers == null) {
            numbers = new KafkaRecorder(EmbeddedInfra.shared().kafkaBootstrap(),
                    io.ringline.schemas.Topics.NUMBERS.name(), record -> { });
        }
        return numbers;
    }

    public static synchronized KafkaRecorder providerSignals() {
        if (signals == null) {
            signals = new KafkaRecorder(EmbeddedInfra.shared().kafkaBootstrap(),
                    io.ringline.schemas.Topics.PROVIDER_SIGNALS.name(), record -> { });
        }
        return signals;
    }
}
