package io.ringline.bench.observe;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/** Records written to each topic so far (sum of the partitions' end offsets); two snapshots give records per run. */
public final class KafkaOffsets implements AutoCloseable {

    private final Admin admin;

    public KafkaOffsets(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "bench-offsets");
        this.admin = Admin.create(props);
    }

    public Map<String, Long> snapshot() {
        try {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            described.values().forEach(d -> d.partitions().forEach(p ->
                    request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            var offsets = admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream().collect(Collectors.groupingBy(e -> e.getKey().topic(), TreeMap::new,
                    Collectors.summingLong(e -> e.getValue().offset())));
        } catch (Exception e) {
            return Map.of();
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
