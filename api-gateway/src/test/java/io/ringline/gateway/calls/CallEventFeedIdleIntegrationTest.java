package io.ringline.gateway.calls;

import static io.ringline.gateway.calls.CallEventsStreamIntegrationTest.event;
import static io.ringline.gateway.calls.CallEventsStreamIntegrationTest.send;
import static io.ringline.gateway.calls.CallEventsStreamIntegrationTest.stream;
import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.gateway.calls.messaging.CallEventFeed;
import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.Fixtures.TenantFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.platform.ids.Ids;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway reads {@code call-events} only while a stream is open on it (and {@code idle-stop} after): a context of
 * its own, so no other test's streams are open here.
 */
@TestPropertySource(properties = "ringline.gateway.call-events.idle-stop=1s")
class CallEventFeedIdleIntegrationTest extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    MeterRegistry meters;

    @Autowired
    CallEventFeed feed;

    @AfterAll
    static void close() {
        CallEventsStreamIntegrationTest.close();
    }

    @Test
    void theFeedReadsOnlyWhileAStreamIsOpenAndStartsAgainForTheNextOne() {
        TenantFixture tenant = fixtures.tenant();
        NumberFixture number = fixtures.metaNumber(tenant);
        // No stream open here (the other test's closed more than idle-stop ago): nothing is read.
        await().atMost(WAIT).until(() -> feedReading() == 0);

        for (int round = 1; round <= 2; round++) {
            String callId = Ids.newId("call");
            long sequence = round;
            StepVerifier.create(stream(http, number.key()))
                    .assertNext(ready -> {
                        assertThat(ready.event()).isEqualTo("ready");
                        assertThat(feedReading()).as("reading once ready").isEqualTo(1);
                    })
                    .then(() -> send(number.id(), event(tenant, number.id(), callId, CallEventType.CALL_RINGING,
                            CallStatus.RINGING, sequence).build()))
                    .assertNext(ringing -> assertThat(JSON.readTree(ringing.data()).path("callId").stringValue())
                            .isEqualTo(callId))
                    .thenCancel()
                    .verify(WAIT);
            // The last stream closed: idle-stop (1 s here) later the feed stops reading; the next round starts it.
            await().atMost(WAIT).until(() -> feedReading() == 0);
        }
    }

    @Test
    void whileTheFeedIsStoppedAStreamIsRefusedAndOnceStartedAgainItIsServed() {
        TenantFixture tenant = fixtures.tenant();
        NumberFixture number = fixtures.metaNumber(tenant);
        // As Spring stops a cached test context's lifecycle beans and starts them again, or a shutdown begins.
        feed.stop();
        try {
            JsonNode refused = json(http.get().uri("/v1/calls/events").header("x-api-key", number.key())
                    .accept(MediaType.TEXT_EVENT_STREAM).exchange(), HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(refused.path("code").stringValue()).isEqualTo("SERVICE_UNAVAILABLE");
        } finally {
            feed.start();
        }

        String callId = Ids.newId("call");
        StepVerifier.create(stream(http, number.key()))
                .assertNext(ready -> assertThat(ready.event()).isEqualTo("ready"))
                .then(() -> send(number.id(), event(tenant, number.id(), callId, CallEventType.CALL_RINGING,
                        CallStatus.RINGING, 1).build()))
                .assertNext(ringing -> assertThat(JSON.readTree(ringing.data()).path("callId").stringValue())
                        .isEqualTo(callId))
                .thenCancel()
                .verify(WAIT);
    }

    private double feedReading() {
        return meters.get("ringline.gateway.call.events.feed.reading").gauge().value();
    }
}
