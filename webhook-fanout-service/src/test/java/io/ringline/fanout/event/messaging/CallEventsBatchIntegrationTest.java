package io.ringline.fanout.event.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.fanout.delivery.dispatch.Dispatcher;
import io.ringline.fanout.support.CallEvents;
import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.testsupport.http.RecordingHttpReceiver;
import io.ringline.testsupport.kafka.DeadLetterReader;
import io.ringline.testsupport.kafka.ListenerHold;
import io.ringline.testsupport.kafka.DeadLetterReader.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * {@code call-events} a poll at a time: the poll's events are fanned out in one transaction (counted by the
 * {@code ringline.webhook.event.batch} summary: one sample per transaction, its total the events) with two statements
 * (the ids, event log and subscriptions in one, then the deliveries; counted by {@code pg_stat_statements}), and a poison
 * record in the middle of a poll — undecodable, or one the database refuses — goes to the dead-letter topic while
 * every other event of the poll is delivered. Each test holds the listener while it publishes, so the whole set
 * arrives in one poll.
 */
class CallEventsBatchIntegrationTest extends FanoutIntegrationTest {

    /** The poll's intake statement, and what it replaced: the event log's and the subscriptions' own statements. */
    private static final String INTAKE = "WITH input AS MATERIALIZED (%INSERT INTO processed_messages%INSERT INTO event_log%";
    private static final String SEPARATE_LOG = "INSERT INTO event_log%";
    private static final String SEPARATE_SUBSCRIPTIONS = "SELECT id, tenant_id, name, url,%FROM subscription WHERE tenant_id = ANY%";

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Dispatcher dispatcher;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Test
    void aPollsEventsAreFannedOutInOneTransaction() {
        String tenant = newTenant();
        String number = newNumber();
        int events = 40;
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()) {
            subscribe(tenant, receiver.url(), List.of("*"), List.of());
            DistributionSummary batches = meters.get("ringline.webhook.event.batch").summary();
            long transactionsBefore = batches.count();
            double eventsBefore = batches.totalAmount();
            long intakesBefore = executions(INTAKE);
            long separateBefore = executions(SEPARATE_LOG) + executions(SEPARATE_SUBSCRIPTIONS);

            withListenerHeld(() -> {
                for (int i = 0; i < events; i++) {
                    publish(CallEvents.ringing(tenant, number).build()); // distinct calls, one partition (by number)
                }
            });

            await().atMost(DEADLINE).until(() -> receiver.received().size() == events);
            long transactions = batches.count() - transactionsBefore;
            assertThat(batches.totalAmount() - eventsBefore).isEqualTo(events);
            // One poll, one transaction; a few if the broker handed the records over in more than one poll. Record
            // by record it would be 40.
            assertThat(transactions).as("transactions for %d events", events).isBetween(1L, 4L);
            assertThat(count("SELECT count(*) FROM event_log WHERE tenant_id = $1", tenant)).isEqualTo(events);
            // Two statements a poll: its ids, event log and subscriptions in one (EventIntake), then the deliveries.
            assertThat(executions(INTAKE) - intakesBefore).isEqualTo(transactions);
            assertThat(executions(SEPARATE_LOG) + executions(SEPARATE_SUBSCRIPTIONS) - separateBefore).isZero();
        }
    }

    @Test
    void anEventListedTwiceOrAlreadyProcessedIsDeliveredAndLoggedOnce() {
        String tenant = newTenant();
        String number = newNumber();
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()) {
            subscribe(tenant, receiver.url(), List.of("*"), List.of());
            CallEvent earlier = CallEvents.ringing(tenant, number).build();
            publish(earlier);
            await().atMost(DEADLINE).until(() -> receiver.received().size() == 1);
            CallEvent twice = CallEvents.ringing(tenant, number).build();
            CallEvent once = CallEvents.ringing(tenant, number).build();

            withListenerHeld(() -> {
                publish(twice);
                publish(earlier); // processed by an earlier poll: a redelivery
                publish(once);
                publish(twice); // the same event again within this poll
            });

            await().atMost(DEADLINE).until(() -> receiver.received().size() >= 3);
            // The poll committed its deliveries before sending them: the rows say what it created, late sends or not.
            assertThat(count("SELECT count(*) FROM delivery WHERE tenant_id = $1", tenant)).isEqualTo(3);
            assertThat(receiver.received()).extracting(r -> r.header("webhook-id"))
                    .containsExactlyInAnyOrder(earlier.getEventId(), twice.getEventId(), once.getEventId());
            assertThat(count("SELECT count(*) FROM event_log WHERE tenant_id = $1", tenant)).isEqualTo(3);
        }
    }

    @Test
    void aPoisonRecordInTheMiddleOfAPollNeitherStopsTheOthersNorIsLost() {
        String tenant = newTenant();
        String number = newNumber();
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()) {
            subscribe(tenant, receiver.url(), List.of("*"), List.of());
            List<String> good = new ArrayList<>();
            // The database refuses a NUL character in text: this one fails the poll's transaction, not its decoding.
            CallEvent refused = CallEvents.ringing(tenant + "\u0000", number).build();

            withListenerHeld(() -> {
                for (int part = 0; part < 3; part++) {
                    for (int i = 0; i < 5; i++) {
                        CallEvent event = CallEvents.ringing(tenant, number).build();
                        good.add(event.getEventId());
                        publish(event);
                    }
                    if (part == 0) {
                        bytesKafkaTemplate.send(Topics.CALL_EVENTS.name(), number,
                                "not avro".getBytes(StandardCharsets.UTF_8)).join();
                    } else if (part == 1) {
                        publish(refused);
                    }
                }
            });

            await().atMost(DEADLINE).until(() -> receiver.received().size() == good.size());
            assertThat(receiver.received()).extracting(r -> r.header("webhook-id"))
                    .containsExactlyInAnyOrderElementsOf(good);
            List<DeadLetter> dead = new DeadLetterReader(bootstrap).awaitKeyed(Topics.CALL_EVENTS, number, 2, DEADLINE);
            // in either order: after the refusal the poll is redone record by record, different keys concurrently
            assertThat(dead).hasSize(2)
                    .anySatisfy(d -> assertThat(new String(d.value(), StandardCharsets.UTF_8)).isEqualTo("not avro"))
                    .anySatisfy(d -> assertThat(d.text()).contains(refused.getEventId()));
            assertThat(count("SELECT count(*) FROM processed_messages WHERE message_id = $1", refused.getEventId()))
                    .isZero();
        }
    }

    @Test
    void slotsHeldForAPollWhoseDeliveriesTheDatabaseRefusesAreGivenBack() {
        String tenant = newTenant();
        String refusedTenant = newTenant();
        String number = newNumber();
        // Refused at the deliveries' own insert — after the poll's transaction held this instance's slots for the
        // deliveries it meant to lease and send itself (launch-created) — by a trigger of this test, as a constraint
        // would (a raise with its default code is taken for a transient failure and redelivered).
        db.sql("""
                CREATE FUNCTION refuse_test_tenant() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.tenant_id = '%s' THEN RAISE EXCEPTION 'refused by the test' USING ERRCODE = 'check_violation'; END IF;
                    RETURN NEW;
                END $$""".formatted(refusedTenant)).then().block(DEADLINE);
        db.sql("CREATE TRIGGER refuse_test_tenant BEFORE INSERT ON delivery FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_test_tenant()").then().block(DEADLINE);
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver();
                RecordingHttpReceiver refusedReceiver = new RecordingHttpReceiver()) {
            subscribe(tenant, receiver.url(), List.of("*"), List.of());
            subscribe(refusedTenant, refusedReceiver.url(), List.of("*"), List.of());
            List<String> good = new ArrayList<>();
            withListenerHeld(() -> {
                for (int i = 0; i < 3; i++) {
                    CallEvent event = CallEvents.ringing(tenant, number).build();
                    good.add(event.getEventId());
                    publish(event);
                }
                publish(CallEvents.ringing(refusedTenant, number).build());
            });

            await().atMost(DEADLINE).until(() -> receiver.received().size() == good.size());
            assertThat(receiver.received()).extracting(r -> r.header("webhook-id"))
                    .containsExactlyInAnyOrderElementsOf(good);
            new DeadLetterReader(bootstrap).awaitKeyed(Topics.CALL_EVENTS, number, 1, DEADLINE);
            // Every slot back: none is held for a delivery that was never created, which no response would free.
            await().atMost(DEADLINE).until(() -> dispatcher.inFlight() == 0);
            assertThat(refusedReceiver.received()).isEmpty();
        } finally {
            db.sql("DROP TRIGGER refuse_test_tenant ON delivery").then().block(DEADLINE);
            db.sql("DROP FUNCTION refuse_test_tenant()").then().block(DEADLINE);
        }
    }

    /** Publishes while the listener is stopped, so everything published arrives together when it starts again. */
    private void withListenerHeld(Runnable publishing) {
        ListenerHold.whilePublishing(listeners.getListenerContainer("fanout-call-events"), DEADLINE, publishing);
    }
}
