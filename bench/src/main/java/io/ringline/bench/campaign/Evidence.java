package io.ringline.bench.campaign;

import io.ringline.bench.campaign.AuditInput.CallRow;
import io.ringline.bench.campaign.AuditInput.EventRecord;
import io.ringline.bench.platform.Target;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.ProviderSignal;
import io.ringline.schemas.serde.SingleObjectAvroDeserializer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Gathers the auditor's input from the running platform: signaling's tables over JDBC, {@code call-events} and
 * {@code provider.signals} read whole from the broker with the platform's own Avro deserializer (no consumer group:
 * partitions assigned, from the beginning to the end offsets of the moment), consumer-group lag and the outboxes,
 * and the receiver's record of deliveries.
 */
final class Evidence {

    private static final List<String> SCHEMAS = List.of("gateway", "signaling", "media", "fanout");
    private static final String SIGNAL_CONSUMER = "signaling.signals";

    private final Target target;
    private final Set<String> tenantIds;
    private final Map<String, Set<String>> subscriptionsByTenant;
    private final CampaignReceiver receiver;

    Evidence(Target target, CampaignFleet fleet, CampaignReceiver receiver) {
        this.target = target;
        this.tenantIds = fleet.tenantIds();
        this.subscriptionsByTenant = new HashMap<>();
        fleet.tenants().forEach(t -> subscriptionsByTenant.put(t.id(), Set.of(t.receiverPath())));
        this.receiver = receiver;
    }

    AuditInput gather(Set<String> acceptedCallIds, Duration stuckAfter) {
        Instant at = Instant.now();
        List<EventRecord> events = new ArrayList<>();
        readTopic(Topics.CALL_EVENTS.name(), record -> {
            if (record instanceof CallEvent e && tenantIds.contains(e.getTenantId())) {
                events.add(new EventRecord(e.getEventId(), e.getType().name(), e.getCallId(), e.getTenantId(),
                        e.getSequence()));
            }
        });
        Set<String> signals = new HashSet<>();
        readTopic(Topics.PROVIDER_SIGNALS.name(), record -> {
            if (record instanceof ProviderSignal s && tenantIds.contains(s.getNumber().getTenantId())) {
                signals.add(s.getSignalId());
            }
        });
        var deliveries = receiver.received();
        try (Connection c = connect()) {
            return new AuditInput(acceptedCallIds, calls(c), events, subscriptionsByTenant, deliveries, signals,
                    strings(c, "SELECT message_id FROM signaling.processed_messages WHERE consumer = '"
                            + SIGNAL_CONSUMER + "'"),
                    strings(c, "SELECT signal_id FROM signaling.pending_signals"), outboxes(c), lag(),
                    pendingDeliveries(c), at, stuckAfter);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the platform's database", e);
        }
    }

    /**
     * For up to {@code limit} calls not terminal and unchanged for {@code stuckAfter}: what the provider (the sandbox)
     * says happened to the call's webhooks — the evidence of where a stuck call's signal went.
     */
    List<String> providerSideOfStuckCalls(Duration stuckAfter, int limit) {
        List<String> out = new ArrayList<>();
        Api api = new Api(Duration.ofSeconds(10));
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT id, status, provider, direction, external_call_id FROM signaling.calls WHERE tenant_id = ANY(?)"
                        + " AND status IN ('INITIATED', 'RINGING', 'ACCEPTED') AND updated_at < ? ORDER BY updated_at"
                        + " LIMIT " + limit)) {
            s.setArray(1, tenants(c));
            s.setTimestamp(2, java.sql.Timestamp.from(Instant.now().minus(stuckAfter)));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String external = r.getString(5);
                    StringBuilder line = new StringBuilder("call " + r.getString(1) + " (" + r.getString(3) + " "
                            + r.getString(4) + ", " + r.getString(2) + ", provider call " + external + "): ");
                    line.append(journal(api, external));
                    out.add(line.toString());
                }
            }
        } catch (SQLException e) {
            out.add("cannot read the stuck calls: " + e);
        }
        return out;
    }

    /**
     * For up to {@code limit} parked signals (a provider call id no call has): the signal's kind and what the provider
     * says happened to that call's webhooks.
     */
    List<String> providerSideOfParkedSignals(int limit) {
        List<String> out = new ArrayList<>();
        Api api = new Api(Duration.ofSeconds(10));
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT signal_id, kind, external_call_id, parked_at FROM signaling.pending_signals ORDER BY seq LIMIT "
                        + limit)) {
            while (r.next()) {
                out.add("parked signal " + r.getString(1) + " (" + r.getString(2) + " for provider call "
                        + r.getString(3) + ", parked " + r.getTimestamp(4).toInstant() + "): "
                        + journal(api, r.getString(3)));
            }
        } catch (SQLException e) {
            out.add("cannot read the parked signals: " + e);
        }
        return out;
    }

    /** The sandbox's journal of one provider call: state, end reason, the business's actions and every webhook. */
    private String journal(Api api, String externalCallId) {
        Api.Response journal = externalCallId == null ? null
                : api.send("GET", target.sandboxUrl() + "/sandbox/calls/" + externalCallId, Map.of(), null);
        if (journal == null || !journal.ok()) {
            return "the sandbox has no record of it";
        }
        var call = journal.json();
        StringBuilder line = new StringBuilder("sandbox: ").append(call.path("direction").asString()).append(", ")
                .append(call.path("state").asString()).append(", end reason ").append(call.path("endReason")
                        .asString("-")).append("; business actions:");
        call.path("actions").valueStream().forEach(a -> line.append(' ').append(a.path("action").asString())
                .append('@').append(a.path("at").asString()).append(a.path("error").isNull() ? ""
                        : "(refused: " + a.path("error").asString() + ")"));
        line.append("; webhooks:");
        call.path("webhooks").valueStream().forEach(w -> line.append(' ').append(w.path("event").asString())
                .append('@').append(w.path("at").asString()).append(w.path("status").isNull()
                        ? "=" + w.path("error").asString() : "=" + w.path("status").asInt()));
        return line.toString();
    }

    /** Calls of the campaign's tenants not yet terminal (the drain waits for them). */
    long callsInProgress() {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM signaling.calls WHERE tenant_id = ANY(?) AND status IN ('INITIATED', 'RINGING',"
                        + " 'ACCEPTED')")) {
            s.setArray(1, tenants(c));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    /**
     * Parked signals reconciliation will still look at ({@code silent_since} set): a terminate whose offer was lost
     * is settled only once it has been parked {@code parked-signal-age}; the ones already judged stay as they are.
     */
    long parkedSignalsToCheck() {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT count(*) FROM signaling.pending_signals WHERE silent_since IS NOT NULL")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Outbox rows + consumer lag + pending deliveries: zero when the platform has drained. */
    long backlog() {
        try (Connection c = connect()) {
            long outbox = outboxes(c).values().stream().mapToLong(Long::longValue).sum();
            return outbox + pendingDeliveries(c) + lag().values().stream().mapToLong(Long::longValue).sum();
        } catch (SQLException | RuntimeException e) {
            return -1;
        }
    }

    private Connection connect() throws SQLException {
        Target.Database db = target.database();
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    private Array tenants(Connection c) throws SQLException {
        return c.createArrayOf("text", tenantIds.toArray());
    }

    private List<CallRow> calls(Connection c) throws SQLException {
        List<CallRow> calls = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, tenant_id, status, event_sequence, updated_at,"
                + " provider, direction, external_call_id, end_reason FROM signaling.calls WHERE tenant_id = ANY(?)")) {
            s.setArray(1, tenants(c));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    calls.add(new CallRow(r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
                            r.getTimestamp(5).toInstant(), r.getString(6) + " " + r.getString(7) + ", provider call "
                            + r.getString(8) + (r.getString(9) == null ? "" : ", end reason " + r.getString(9))));
                }
            }
        }
        return calls;
    }

    private long pendingDeliveries(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM fanout.delivery WHERE status = 'PENDING' AND tenant_id = ANY(?)")) {
            s.setArray(1, tenants(c));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static Set<String> strings(Connection c, String sql) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private static Map<String, Long> outboxes(Connection c) throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        for (String schema : SCHEMAS) {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema
                            + "' AND table_name = 'outbox'")) {
                r.next();
                if (r.getLong(1) == 0) {
                    continue;
                }
            }
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT count(*) FROM " + schema + ".outbox")) {
                r.next();
                rows.put(schema, r.getLong(1));
            }
        }
        return rows;
    }

    /**
     * Records behind per consumer group with members, over every partition it has committed offsets for. A group
     * without members is left out: the media bridge's per-start notice groups ({@code CallNoticesConfiguration}) are
     * left by every stop and abandoned by every restart by design, and a durable group with no member would mean a service is down, which the probe
     * that precedes every audit rules out.
     */
    private Map<String, Long> lag() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.kafkaBootstrap());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "campaign-auditor");
        try (Admin admin = Admin.create(props)) {
            Map<String, Long> lag = new TreeMap<>();
            for (GroupListing group : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                    .get(30, TimeUnit.SECONDS)) {
                if (group.groupState().map(state -> state == GroupState.EMPTY || state == GroupState.DEAD)
                        .orElse(false)) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                committed.keySet().forEach(tp -> request.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
                long behind = 0;
                for (var entry : committed.entrySet()) {
                    if (entry.getValue() != null) {
                        behind += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                    }
                }
                lag.put(group.groupId(), behind);
            }
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read consumer-group lag", e);
        }
    }

    private void readTopic(String topic, Consumer<SpecificRecord> each) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.kafkaBootstrap());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "campaign-auditor-" + topic);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new SingleObjectAvroDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, Duration.ofSeconds(30)) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 5 minutes");
                }
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.offset() < ends.get(new TopicPartition(topic, record.partition()))) {
                        each.accept(record.value());
                    }
                }
            }
        }
    }
}
