package io.ringline.gateway.calls.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.calls.TenantCallAction;
import io.ringline.gateway.calls.RequestOutcome;
import io.ringline.gateway.calls.CommandRequest;
import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.gateway.tenancy.ProviderEndpoint;
import io.ringline.schemas.avro.AcceptCall;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.CallSnapshot;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.CommandError;
import io.ringline.schemas.avro.CommandReply;
import io.ringline.schemas.avro.PlaceCall;
import io.ringline.schemas.avro.PreAcceptCall;
import io.ringline.schemas.avro.RejectCall;
import io.ringline.schemas.avro.TerminateCall;
import io.ringline.schemas.serde.AvroTypes;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

class CommandMappersTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final BusinessNumber META_NUMBER = new BusinessNumber("num_1", "ten_1", "+5511912345678", null,
            new ProviderEndpoint.Meta(URI.create("https://graph.example/v21.0"), "pnid-1"), "v1.sealed", 3, NOW, NOW);

    static Object[][] actions() {
        return new Object[][] {
                {new TenantCallAction.Place("+5511988887777", "v=0", "opaque"), new PlaceCall("+5511988887777", "v=0", "opaque")},
                {new TenantCallAction.PreAccept("v=1"), new PreAcceptCall("v=1")},
                {new TenantCallAction.Accept(null), new AcceptCall(null)},
                {new TenantCallAction.Reject(), new RejectCall()},
                {new TenantCallAction.Terminate(), new TerminateCall()}};
    }

    @ParameterizedTest
    @MethodSource("actions")
    void everyActionBecomesItsAvroRecordAndSurvivesTheWire(TenantCallAction action, Object expected) {
        CallCommand command = CallCommandMapper.toAvro(new CommandRequest("cmd_1", "call_1", META_NUMBER, action), NOW);

        assertThat(command.getAction()).isEqualTo(expected);
        assertThat(command.getCommandId()).isEqualTo("cmd_1");
        assertThat(command.getCallId()).isEqualTo("call_1");
        assertThat(command.getIssuedAt()).isEqualTo(NOW);
        assertThat(command.getNumberId()).isEqualTo("num_1");
        assertThat(command.getTenantId()).isEqualTo("ten_1");
        assertThat(command.getNumberVersion()).isEqualTo(3L);
        var codec = AvroTypes.codec(CallCommand.class);
        byte[] wire = codec.encode(command);
        assertThat(codec.decode(wire)).isEqualTo(command);
        assertThat(new String(wire, java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("no credentials, sealed or not, and no provider endpoint travel with a command")
                .doesNotContain("v1.sealed").doesNotContain("graph.example").doesNotContain("pnid-1");
    }

    @Test
    void successfulReplyCarriesTheCall() {
        CommandReply reply = CommandReply.newBuilder().setCommandId("cmd_1").setCallId("call_1")
                .setCall(CallSnapshot.newBuilder().setId("call_1").setExternalCallId("wacid.X")
                        .setStatus(CallStatus.RINGING).build())
                .build();

        assertThat(CommandReplyMapper.toOutcome(reply, JSON))
                .isEqualTo(new RequestOutcome.Succeeded("call_1", "wacid.X", "RINGING"));
    }

    @Test
    void errorReplyKeepsStatusCodeMessageAndDetails() {
        CommandReply reply = CommandReply.newBuilder().setCommandId("cmd_1").setCallId("call_1")
                .setError(CommandError.newBuilder().setHttpStatus(409).setCode("INVALID_CALL_STATE")
                        .setMessage("Call is COMPLETED").setDetailsJson("{\"status\":\"COMPLETED\",\"n\":1}").build())
                .build();

        assertThat(CommandReplyMapper.toOutcome(reply, JSON)).isEqualTo(new RequestOutcome.Failed(409,
                "INVALID_CALL_STATE", "Call is COMPLETED", Map.of("status", "COMPLETED", "n", 1)));
    }

    @Test
    void detailsThatAreNotAnObjectAreKeptAsText() {
        assertThat(CommandReplyMapper.details("[1,2]", JSON)).isEqualTo(Map.of("detail", "[1,2]"));
        assertThat(CommandReplyMapper.details("not json", JSON)).isEqualTo(Map.of("detail", "not json"));
        assertThat(CommandReplyMapper.details(null, JSON)).isNull();
    }

    @Test
    void aReplyWithNeitherCallNorErrorIsAnUpstreamError() {
        CommandReply reply = CommandReply.newBuilder().setCommandId("cmd_1").setCallId("call_1").build();

        assertThat(CommandReplyMapper.toOutcome(reply, JSON)).isInstanceOfSatisfying(RequestOutcome.Failed.class,
                failed -> assertThat(failed.httpStatus()).isEqualTo(502));
    }
}
