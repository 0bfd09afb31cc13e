package io.ringline.fanout.support;

import io.ringline.infra.InfraProperties;
import io.ringline.platform.ids.Ids;
import io.ringline.platform.security.testing.HandlerPassage;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.CallEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the fan-out's integration tests: the real service against the shared embedded Kafka broker and
 * PostgreSQL, with a short retry schedule so retries happen in milliseconds. Every test class uses the
 * same properties, so Spring starts the context once per test JVM. Tests isolate by fresh tenant ids.
 */
@Import(HandlerPassage.Configuration.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=webhook-fanout-service",
        "ringline.fanout.allow-private-networks=true",
        "ringline.fanout.delivery.retry-schedule=300ms,300ms,300ms",
        "ringline.fanout.delivery.jitter=0",
        "ringline.fanout.delivery.poll-interval=100ms",
        "ringline.fanout.metrics-refresh=200ms",
        // Small enough that a test's replay spans several pages and can overflow the cap.
        "ringline.fanout.replay.max-events=25",
        "ringline.fanout.replay.batch-size=4",
        "ringline.internal-token=test-internal-token"})
public abstract class FanoutIntegrationTest {

    protected static final String TOKEN = "test-internal-token";
    protected static final Duration DEADLINE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    protected KafkaTemplate<String, byte[]> bytesKafkaTemplate;

    @Autowired
    protected DatabaseClient db;

    protected WebTestClient api() {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("x-internal-token", TOKEN)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    protected static String newTenant() {
        return Ids.newId("ten");
    }

    protected static String newNumber() {
        return Ids.newId("num");
    }

    /** Creates a subscription through the API and returns the creation body (with the secret). */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> subscribe(String tenantId, String url, List<String> events, List<String> numbers) {
        return api().post().uri("/internal/tenants/{t}/webhooks", tenantId)
                .bodyValue(Map.of("url", url, "name", "test", "events", events, "whatsappNumberIds", numbers))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CREATED)
                .expectBody(Map.class)
                .returnResult().getResponseBody();
    }

    protected void publish(CallEvent event) {
        kafka.send(Topics.CALL_EVENTS.name(), event.getNumberId(), event).join();
    }

    protected long count(String sql, Object... args) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql);
        for (int i = 0; i < args.length; i++) {
            spec = spec.bind(i, args[i]);
        }
        return spec.map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10));
    }

    /** Executions so far of the statements whose text is like {@code pattern}, as PostgreSQL counted them. */
    protected long executions(String pattern) {
        return db.sql("SELECT coalesce(sum(calls), 0) AS n FROM public.pg_stat_statements WHERE query LIKE $1")
                .bind(0, pattern)
                .map(row -> row.get("n", Long.class))
                .one()
                .block(Duration.ofSeconds(10));
    }
}
