package io.ringline.media.notices.messaging;

import io.ringline.platform.config.ApplicationProperties;
import io.ringline.platform.kafka.InstanceGroups;
import io.ringline.schemas.Topics;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

/**
 * The consumer of the call notices: {@code call-events} in a consumer group of this instance alone
 * ({@code <application>.sessions.<random>}, a fresh id per start), so that each bridge instance receives every
 * event its own realtime sessions and plays need, whichever instance's shared-group consumer tracks live calls. It
 * commits no offsets ({@link InstanceGroups}): its effects are on open sockets and held plays, which a restart ends
 * anyway. Never started by the context: {@code NoticeDemand} runs it while a session or a play needs it, and
 * {@link CallNoticesListener} attaches the listener. Its threads are named after this bean.
 */
@Configuration(proxyBeanMethods = false)
class CallNoticesConfiguration {

    @Bean
    KafkaMessageListenerContainer<String, SpecificRecord> callNoticesContainer(
            ConsumerFactory<String, SpecificRecord> consumers, ApplicationProperties application) {
        ContainerProperties container = new ContainerProperties(Topics.CALL_EVENTS.name());
        container.setGroupId(application.name() + ".sessions." + UUID.randomUUID());
        container.setClientId(application.name() + "-call-notices");
        Properties overrides = new Properties();
        // where a run starts is set by NoticeDemand when partitions are assigned; "latest" only if that fails
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        container.setKafkaConsumerProperties(overrides);
        InstanceGroups.commitNothing(container);
        KafkaMessageListenerContainer<String, SpecificRecord> notices =
                new KafkaMessageListenerContainer<>(consumers, container);
        notices.setAutoStartup(false);
        return notices;
    }
}
