package io.ringline.gateway.calls.messaging;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The request-reply channel of {@link KafkaCommandBus}, built by {@link CallsMessagingConfiguration}: the template
 * over this instance's reply consumer, the scheduler of its reply timeouts, and the moment the consumer got its
 * partitions. The bus starts and stops the template (in its own lifecycle phase); the scheduler lives as long as
 * the context, so a command sent while the server drains still times out.
 */
final class CommandReplies implements DisposableBean {

    private final ReplyingKafkaTemplate<String, SpecificRecord, SpecificRecord> template;
    private final ThreadPoolTaskScheduler timeouts;
    private final CountDownLatch assigned;

    CommandReplies(ReplyingKafkaTemplate<String, SpecificRecord, SpecificRecord> template,
            ThreadPoolTaskScheduler timeouts, CountDownLatch assigned) {
        this.template = template;
        this.timeouts = timeouts;
        this.assigned = assigned;
    }

    ReplyingKafkaTemplate<String, SpecificRecord, SpecificRecord> template() {
        return template;
    }

    /** Waits until the reply consumer has its partitions and their start positions fixed. */
    boolean awaitAssignment(Duration wait) throws InterruptedException {
        return assigned.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        timeouts.shutdown();
    }
}
