package io.ringline.signaling.call.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.platform.ids.Ids;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.CommandReply;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.signaling.support.FakeEvoGo;
import io.ringline.signaling.support.Fixtures;
import io.ringline.signaling.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * One tenant cannot starve another (issue 7): tenant A's Evolution GO accepts requests and never answers,
 * A keeps sending commands, and tenant B's calls are still placed and answered while A's requests hang. A
 * gets the documented answers — {@code 503 PROVIDER_BUSY} at once beyond its number's line, {@code 504
 * PROVIDER_TIMEOUT} for what reached its GO — and none of its calls is left ringing.
 *
 * <p>Runs in a JVM of its own (surefire execution {@code own-jvm}): it needs a long provider timeout and
 * small per-number limits, and a second context in the shared test JVM would join the same consumer group.
 */
@TestPropertySource(properties = {
        "ringline.signaling.provider-timeout=8s",
        "ringline.signaling.provider-limits.concurrency=2",
        "ringline.signaling.provider-limits.waiting=2",
        "ringline.signaling.provider-limits.max-wait=500ms",
        // room to start commands behind A's hanging ones (CommandDeadline) whatever the machine's load
        "ringline.signaling.command-deadline=30s"})
class TenantIsolationIntegrationTest extends IntegrationTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aHangingProviderOfOneTenantHoldsUpNoOtherTenant() {
        FakeEvoGo.Instance hanging = evoGo.newInstance()
                .answer("start", 201, "{\"callId\":\"NEVER\",\"state\":\"ringing\"}", Duration.ofMinutes(10));
        NumberContext a = ofTenant("ten_a", newEvoGoNumber(hanging));
        NumberContext b = ofTenant("ten_b", newEvoGoNumber(evoGo.newInstance()));

        List<CallCommand> ofA = new ArrayList<>();
        ofA.add(place(a, 0));
        await().atMost(WAIT).until(() -> hanging.requests("/call/start").size() == 1);
        for (int i = 1; i < 8; i++) {
            ofA.add(place(a, i)); // one more may run, two may wait their turn, the rest are refused at once
        }
        await().atMost(WAIT).until(() -> hanging.requests("/call/start").size() == 2);

        CallCommand bPlace = Fixtures.place(b, Ids.newId("call"), "+5511988880000");
        send(bPlace);
        CommandReply bPlaced = awaitReply(bPlace.getCommandId());
        CallCommand bTerminate = Fixtures.terminate(b, bPlace.getCallId());
        send(bTerminate);
        CommandReply bTerminated = awaitReply(bTerminate.getCommandId());
        List<CallCommand> laterOfA = List.of(place(a, 8), place(a, 9));
        await().atMost(WAIT).until(() -> laterOfA.stream().allMatch(c -> !replies(c.getCommandId()).isEmpty()));

        assertThat(codes(ofA)).as("while B was served and A's later commands answered, A's GO requests still hung")
                .doesNotContain("PROVIDER_TIMEOUT");
        assertThat(bPlaced.getError()).isNull();
        assertThat(bPlaced.getCall().getStatus()).isEqualTo(CallStatus.INITIATED);
        assertThat(bPlaced.getCall().getExternalCallId()).isNotBlank();
        assertThat(bTerminated.getError()).isNull();
        assertThat(bTerminated.getCall().getStatus()).isEqualTo(CallStatus.COMPLETED);
        assertThat(codes(laterOfA)).as("A's line is full: refused at once").containsOnly("PROVIDER_BUSY");

        ofA.addAll(laterOfA);
        await().atMost(WAIT).until(() -> ofA.stream().allMatch(c -> !replies(c.getCommandId()).isEmpty()));
        Map<String, Long> outcomes = codes(ofA).stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(outcomes).isEqualTo(Map.of("PROVIDER_TIMEOUT", 2L, "PROVIDER_BUSY", 8L));
        assertThat(hanging.requests("/call/start")).as("only the number's limit ever reached A's GO").hasSize(2);
        CommandReply busy = ofA.stream().map(c -> replies(c.getCommandId()).getFirst())
                .filter(r -> r.getError().getCode().equals("PROVIDER_BUSY")).findFirst().orElseThrow();
        assertThat(busy.getError().getHttpStatus()).isEqualTo(503);
        assertThat(json.readTree(busy.getError().getDetailsJson()).path("retryAfterSeconds").asInt()).isPositive();
        for (CallCommand command : ofA) {
            assertThat(status(command.getCallId())).as("nothing of A is left ringing").isEqualTo("FAILED");
        }
    }

    private CallCommand place(NumberContext number, int i) {
        CallCommand command = Fixtures.place(number, Ids.newId("call"), "+55119999910" + String.format("%02d", i));
        send(command);
        return command;
    }

    private List<String> codes(List<CallCommand> commands) {
        return commands.stream().map(c -> replies(c.getCommandId())).filter(list -> !list.isEmpty())
                .map(list -> list.getFirst().getError()).filter(Objects::nonNull).map(e -> e.getCode()).toList();
    }

    private NumberContext ofTenant(String tenantId, NumberContext number) {
        return publish(NumberContext.newBuilder(number).setTenantId(tenantId).setVersion(number.getVersion() + 1)
                .build());
    }
}
