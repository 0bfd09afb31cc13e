package io.ringline.platform.kafka;

import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * Consumer groups of one instance alone — a fresh id at every start, reading from the end of the topic (the media
 * bridge's notices from a few seconds before what started them): the gateway's command replies and live call events,
 * the media bridge's call notices. Nobody ever resumes such a
 * group, so its containers commit no offsets: a commit would be a broker round trip and a {@code __consumer_offsets}
 * write per poll for nothing, and a group that never committed is dropped by the broker as soon as its instance
 * leaves, instead of staying listed for {@code offsets.retention.minutes} (7 days) after every restart.
 */
public final class InstanceGroups {

    /** The bean name of {@link #commitNothing()} for {@code @KafkaListener(containerPostProcessor = …)}. */
    public static final String COMMIT_NOTHING = "ringlineInstanceGroupCommitsNothing";

    private InstanceGroups() {
    }

    /**
     * Manual acknowledgement that no listener of an instance group ever gives, and no commit of the start position
     * when partitions are assigned (spring-kafka's default for a group without offsets): the container commits
     * nothing.
     */
    public static void commitNothing(ContainerProperties container) {
        container.setAckMode(ContainerProperties.AckMode.MANUAL);
        container.setAssignmentCommitOption(ContainerProperties.AssignmentCommitOption.NEVER);
    }

    /** {@link #commitNothing(ContainerProperties)} for a container built from a {@code @KafkaListener}. */
    public static ContainerPostProcessor<Object, Object, AbstractMessageListenerContainer<Object, Object>> commitNothing() {
        return container -> commitNothing(container.getContainerProperties());
    }
}
