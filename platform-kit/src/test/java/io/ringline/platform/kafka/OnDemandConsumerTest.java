package io.ringline.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The holder counting and idle-stop of {@link OnDemandConsumer}, against a container that only records being started
 * and stopped (the owners' integration tests run it on the real broker: the gateway's
 * {@code CallEventFeedIdleIntegrationTest}, the media bridge's {@code CallNoticesIntegrationTest}).
 */
class OnDemandConsumerTest {

    static final Duration DEADLINE = Duration.ofSeconds(10);

    /** Only what the consumer asks of its container: start, stop, whether it runs. */
    static final class RecordingContainer implements MessageListenerContainer {
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger stops = new AtomicInteger();
        volatile boolean running;

        @Override
        public void setupMessageListener(Object listener) {
        }

        @Override
        public Map<String, Map<MetricName, ? extends Metric>> metrics() {
            return Map.of();
        }

        @Override
        public void start() {
            starts.incrementAndGet();
            running = true;
        }

        @Override
        public void stop() {
            if (running) {
                stops.incrementAndGet();
            }
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }

    final RecordingContainer container = new RecordingContainer();
    final OnDemandConsumer consumer = new OnDemandConsumer(container, Duration.ofMillis(300), "test-transitions");

    @AfterEach
    void stop() {
        consumer.stop();
    }

    @Test
    void stepsRunOnlyWhileTheOwnerIsStarted() {
        assertThat(consumer.run(() -> { })).as("before start").isFalse();
        consumer.start();
        AtomicInteger ran = new AtomicInteger();
        assertThat(consumer.run(ran::incrementAndGet)).isTrue();
        await().atMost(DEADLINE).until(() -> ran.get() == 1);
        consumer.stop();
        assertThat(consumer.run(ran::incrementAndGet)).as("after stop").isFalse();
        assertThat(consumer.running()).isFalse();
    }

    @Test
    void theLastHolderLettingGoStopsReadingIdleStopLaterAndAHolderMeanwhileKeepsItGoing() {
        consumer.start();
        assertThat(consumer.acquire()).isZero();
        consumer.run(consumer::startReading);
        await().atMost(DEADLINE).until(consumer::reading);
        assertThat(consumer.acquire()).as("holders before this one").isEqualTo(1);

        consumer.release();
        consumer.release();
        assertThat(consumer.held()).isZero();
        assertThat(consumer.acquire()).isZero(); // comes back within idle-stop: the scheduled stop is void
        await().during(Duration.ofMillis(900)).atMost(DEADLINE).until(consumer::reading);

        consumer.release();
        await().atMost(DEADLINE).until(() -> !consumer.reading());
        assertThat(container.starts.get()).isEqualTo(1);
        assertThat(container.stops.get()).isEqualTo(1);
    }

    @Test
    void stoppingTheOwnerStopsTheConsumer() {
        consumer.start();
        consumer.acquire();
        consumer.run(consumer::startReading);
        await().atMost(DEADLINE).until(consumer::reading);
        consumer.stop();
        assertThat(consumer.reading()).isFalse();
    }
}
