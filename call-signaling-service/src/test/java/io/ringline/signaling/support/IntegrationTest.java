package io.ringline.signaling.support;

import static org.awaitility.Awaitility.await;

import io.ringline.infra.EmbeddedInfra;
import io.ringline.infra.InfraProperties;
import io.ringline.platform.crypto.SecretBox;
import io.ringline.platform.security.testing.HandlerPassage;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CommandReply;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.schemas.avro.ProviderSignal;
import io.ringline.testsupport.kafka.TopicTap;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the service's integration tests: the real service against the real embedded broker and
 * PostgreSQL, a fake Evolution GO over real HTTP, and a clock the test moves. Every subclass shares
 * one Spring context (same configuration), so the service starts once per test run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=call-signaling-service",
        "ringline.signaling.provider-timeout=1s",
        // timers are driven by the tests (sweeper.sweepOnce()), not by the schedule
        "ringline.signaling.sweep-interval=1h",
        // reconciliation scans are driven by the tests too (CallReconciliationIntegrationTest)
        "ringline.signaling.reconciliation.scan-interval=1h",
        "ringline.internal-token=test-internal-token",
        // the fake providers listen on 127.0.0.1 (the guard itself is tested in OutboundGuardTest)
        "ringline.signaling.allow-private-networks=true",
})
@Import({IntegrationTest.TestClockConfiguration.class, HandlerPassage.Configuration.class})
public abstract class IntegrationTest {

    protected static final Duration WAIT = Duration.ofSeconds(30);

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClockConfiguration {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry);
    }

    @Autowired
    protected SecretBox secretBox;
    @Autowired
    protected MutableClock clock;
    @Autowired
    protected DatabaseClient db;

    protected final FakeEvoGo evoGo = FakeEvoGo.shared();
    protected final FakeMetaGraph graph = FakeMetaGraph.shared();
    protected TopicTap kafka;

    /** What the tests read back: the service's outputs and the dead-letter topics of its inputs. */
    private static final List<String> TAPPED_TOPICS = List.of(Topics.CALL_REPLIES.name(), Topics.CALL_EVENTS.name(),
            Topics.CALL_COMMANDS.deadLetter(), Topics.PROVIDER_SIGNALS.deadLetter(), Topics.NUMBERS.deadLetter());

    private static TopicTap sharedTap;

    @BeforeEach
    void startTap() {
        kafka = sharedTap();
    }

    /** Started on first use, after the Spring context created the topics (with their partition counts). */
    private static synchronized TopicTap sharedTap() {
        if (sharedTap == null) {
            sharedTap = new TopicTap(EmbeddedInfra.shared().kafkaBootstrap(), TAPPED_TOPICS);
        }
        return sharedTap;
    }

    /** A fresh EVO_GO number, published on the numbers topic as the gateway does when it is registered. */
    protected NumberContext newEvoGoNumber(FakeEvoGo.Instance go) {
        return publish(Fixtures.evoGoNumber(secretBox, go));
    }

    /** A fresh META number, published on the numbers topic. */
    protected NumberContext newMetaNumber(FakeMetaGraph.Account account) {
        return publish(Fixtures.metaNumber(secretBox, graph, account));
    }

    /**
     * Publishes a revision of the number on the numbers topic, as the gateway's outbox does, and waits until the
     * replica holds it (or a newer one): a number registered a while before it is used, as it normally is.
     */
    protected NumberContext publish(NumberContext number) {
        kafka.send("numbers", number.getNumberId(), Fixtures.revision(number, false), Map.of());
        await().atMost(WAIT).until(() -> db.sql("SELECT version FROM numbers WHERE number_id = :id")
                .bind("id", number.getNumberId()).map(row -> row.get("version", Long.class)).one()
                .blockOptional(Duration.ofSeconds(5)).orElse(-1L), version -> version >= number.getVersion());
        return number;
    }

    /** Number-level events (CALLS_RAW, CALL_PERMISSION_UPDATED) of a number, in arrival order. */
    protected List<CallEvent> numberEvents(String numberId, io.ringline.schemas.avro.CallEventType type) {
        return kafka.values("call-events", CallEvent.class,
                e -> numberId.equals(e.getNumberId()) && e.getType() == type);
    }

    /** Sends a command as the gateway does; returns its correlation id. */
    protected String send(CallCommand command) {
        String correlationId = UUID.randomUUID().toString();
        kafka.send("calls.commands", command.getNumberId(), command,
                Map.of("kafka_correlationId", correlationId, "kafka_replyTopic", "calls.replies"));
        return correlationId;
    }

    protected void send(ProviderSignal signal) {
        kafka.send("provider.signals", signal.getNumber().getNumberId(), signal, Map.of());
    }

    protected List<CommandReply> replies(String commandId) {
        return kafka.values("calls.replies", CommandReply.class, r -> r.getCommandId().equals(commandId));
    }

    protected CommandReply awaitReply(String commandId) {
        return await().atMost(WAIT).until(() -> replies(commandId), list -> !list.isEmpty()).getFirst();
    }

    /** The call's events on call-events, by sequence (number-level events, numbered per number, left out). */
    protected List<CallEvent> events(String callId) {
        return kafka.values("call-events", CallEvent.class, e -> callId.equals(e.getCallId()) && !numberLevel(e))
                .stream()
                .sorted(Comparator.comparingLong(CallEvent::getSequence))
                .toList();
    }

    private static boolean numberLevel(CallEvent e) {
        return e.getType() == io.ringline.schemas.avro.CallEventType.CALLS_RAW
                || e.getType() == io.ringline.schemas.avro.CallEventType.CALL_PERMISSION_UPDATED;
    }

    protected List<CallEvent> awaitEvents(String callId, int count) {
        return await().atMost(WAIT).until(() -> events(callId), list -> list.size() >= count);
    }

    /** One column of the call's row; null when the call or the value is missing. */
    protected <T> T column(String callId, String column, Class<T> type) {
        return db.sql("SELECT " + column + " FROM calls WHERE id = :id").bind("id", callId)
                .map(row -> Optional.ofNullable(row.get(column, type))).one()
                .blockOptional(Duration.ofSeconds(5)).flatMap(value -> value).orElse(null);
    }

    protected String callIdByExternal(String numberId, String externalCallId) {
        return db.sql("SELECT id FROM calls WHERE number_id = :n AND external_call_id = :x")
                .bind("n", numberId).bind("x", externalCallId)
                .map(row -> row.get("id", String.class)).one().block(Duration.ofSeconds(5));
    }

    protected String awaitCallByExternal(String numberId, String externalCallId) {
        return await().atMost(WAIT).until(() -> callIdByExternal(numberId, externalCallId), id -> id != null);
    }

    protected String status(String callId) {
        return column(callId, "status", String.class);
    }
}
