package io.ringline.fanout.delivery.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.fanout.support.CallEvents;
import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.testsupport.http.RecordingHttpReceiver;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An attempt is logged at DEBUG, not INFO (at thousands a second the log line was a hot path of its own), while the
 * metrics still count every attempt and every final outcome.
 */
class AttemptLoggingIntegrationTest extends FanoutIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Autowired
    Dispatcher dispatcher;

    private final Logger logger = (Logger) LoggerFactory.getLogger(AttemptCompletion.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void capture() {
        levelBefore = logger.getLevel();
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(levelBefore);
    }

    @Test
    void anAttemptIsLoggedAtDebugOnlyWhileTheMetricsCountIt() {
        logger.setLevel(Level.DEBUG);
        String tenant = newTenant();
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()) {
            subscribe(tenant, receiver.url(), List.of("*"), List.of());
            double attemptsBefore = successfulAttempts();
            double deliveredBefore = delivered();
            CallEvent event = CallEvents.ringing(tenant, newNumber()).build();
            publish(event);

            await().atMost(DEADLINE).until(() -> linesAbout(event).size() == 1);
            ILoggingEvent line = linesAbout(event).getFirst();
            assertThat(line.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(line.getFormattedMessage()).startsWith("webhook attempt outcome=delivered")
                    .contains("tenantId=" + tenant, "statusCode=200");
            assertThat(successfulAttempts()).isGreaterThanOrEqualTo(attemptsBefore + 1);
            assertThat(delivered()).isGreaterThanOrEqualTo(deliveredBefore + 1);
        }
    }

    @Test
    void atTheDefaultLevelAnAttemptWritesNoLineButIsCounted() {
        logger.setLevel(Level.INFO);
        String tenant = newTenant();
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()) {
            subscribe(tenant, receiver.url(), List.of("*"), List.of());
            double attemptsBefore = successfulAttempts();
            CallEvent event = CallEvents.ringing(tenant, newNumber()).build();
            publish(event);

            await().atMost(DEADLINE).until(() -> count("SELECT count(*) FROM delivery WHERE event_id = $1 "
                    + "AND status = 'DELIVERED'", event.getEventId()) == 1);
            await().atMost(DEADLINE).until(() -> successfulAttempts() >= attemptsBefore + 1);
            // The attempt counts in flight until its recording (metrics, log line) is over.
            await().atMost(DEADLINE).until(() -> dispatcher.inFlight() == 0);
            assertThat(linesAbout(event)).isEmpty();
        }
    }

    private List<ILoggingEvent> linesAbout(CallEvent event) {
        return appender.list.stream()
                .filter(e -> e.getFormattedMessage().contains("eventId=" + event.getEventId()))
                .toList();
    }

    private double successfulAttempts() {
        var timer = meters.find("ringline.webhook.attempt").tag("outcome", "success").tag("status_class", "2xx").timer();
        return timer == null ? 0 : timer.count();
    }

    private double delivered() {
        return meters.find("ringline.webhook.deliveries").tag("outcome", "delivered").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
