package io.ringline.platform.testing.blocking;

/** Which threads are Kafka's producer I/O loop ({@code KafkaProducer} names it after its client id). */
final class KafkaIoThreads {

    static final String PRODUCER_IO_THREAD_PREFIX = "kafka-producer-network-thread";

    private KafkaIoThreads() {
    }

    static boolean isProducerIoThread(Thread thread) {
        return thread.getName().startsWith(PRODUCER_IO_THREAD_PREFIX);
    }
}
