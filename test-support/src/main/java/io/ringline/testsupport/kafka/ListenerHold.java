package io.ringline.testsupport.kafka;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Holds a listener container stopped while records are published, so everything published arrives together (in one
 * poll, or a few) when it starts again: how a test proves that a consumer applies a poll at a time.
 */
public final class ListenerHold {

    private ListenerHold() {
    }

    public static void whilePublishing(MessageListenerContainer container, Duration deadline, Runnable publishing) {
        container.stop();
        await().atMost(deadline).until(() -> !container.isRunning());
        try {
            publishing.run();
        } finally {
            container.start();
        }
    }
}
