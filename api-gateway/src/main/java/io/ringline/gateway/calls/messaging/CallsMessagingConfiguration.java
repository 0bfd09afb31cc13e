package io.ringline.gateway.calls.messaging;

import io.ringline.gateway.config.GatewayProperties;
import io.ringline.platform.config.ApplicationProperties;
import io.ringline.platform.kafka.InstanceGroups;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.CallCommand;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.requestreply.CorrelationKey;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The gateway's own Kafka consumers, each in a consumer group of this instance alone that starts at the end of its
 * topic and commits no offsets ({@link InstanceGroups}): the command replies ({@link KafkaCommandBus}) and the live
 * call events ({@link CallEventFeed}).
 */
@Configuration(proxyBeanMethods = false)
class CallsMessagingConfiguration {

    /**
     * Not a {@code KafkaTemplate} bean on purpose (a second template bean would displace Spring Boot's): the
     * replying template is held by {@link CommandReplies}, and {@link KafkaCommandBus} starts it.
     */
    @Bean
    CommandReplies commandReplies(ProducerFactory<String, SpecificRecord> producers,
            ConsumerFactory<String, SpecificRecord> consumers, GatewayProperties props,
            ApplicationProperties application) {
        String app = application.name();
        CountDownLatch assigned = new CountDownLatch(1);
        ContainerProperties container = new ContainerProperties(Topics.CALL_REPLIES.name());
        container.setGroupId(app + "-replies-" + UUID.randomUUID());
        container.setClientId(app + "-replies");
        // Replies to commands sent before this instance existed are nobody's business here.
        container.setKafkaConsumerProperties(latest(false));
        InstanceGroups.commitNothing(container);
        container.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                // Fix the start position now: a reply written after this point is never skipped by "latest".
                partitions.forEach(consumer::position);
                assigned.countDown();
            }
        });
        KafkaMessageListenerContainer<String, SpecificRecord> replies =
                new KafkaMessageListenerContainer<>(consumers, container);
        replies.setBeanName(app + "-command-replies");

        ThreadPoolTaskScheduler timeouts = new ThreadPoolTaskScheduler();
        timeouts.setThreadNamePrefix(app + "-reply-timeout-");
        timeouts.setDaemon(true);
        timeouts.initialize();

        ReplyingKafkaTemplate<String, SpecificRecord, SpecificRecord> replying =
                new ReplyingKafkaTemplate<>(producers, replies);
        replying.setSharedReplyTopic(true);
        replying.setDefaultReplyTimeout(props.commandTimeout());
        replying.setTaskScheduler(timeouts);
        replying.setCorrelationIdStrategy(record -> new CorrelationKey(
                ((CallCommand) record.value()).getCommandId().getBytes(StandardCharsets.UTF_8)));
        return new CommandReplies(replying, timeouts, assigned);
    }

    /**
     * The consumer of {@link CallEventFeed}, which attaches its listener and starts and stops it (never started
     * by the context on its own). Its threads are named after this bean ({@code callEventFeedContainer-C-1}).
     */
    @Bean
    KafkaMessageListenerContainer<String, SpecificRecord> callEventFeedContainer(
            ConsumerFactory<String, SpecificRecord> consumers, ApplicationProperties application) {
        String app = application.name();
        ContainerProperties container = new ContainerProperties(Topics.CALL_EVENTS.name());
        container.setGroupId(app + "-call-events-" + UUID.randomUUID());
        container.setClientId(app + "-call-events");
        // Streams are live: events from before this instance started are in GET /v1/calls.
        container.setKafkaConsumerProperties(latest(true));
        InstanceGroups.commitNothing(container);
        KafkaMessageListenerContainer<String, SpecificRecord> feed = new KafkaMessageListenerContainer<>(consumers,
                container);
        feed.setAutoStartup(false);
        return feed;
    }

    private static Properties latest(boolean noAutoCommit) {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        if (noAutoCommit) {
            overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        }
        return overrides;
    }
}
