package io.ringline.platform.internalapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire shape of the internal request and answer bodies, as docs/internal-apis.md writes it: the client
 * (gateway) serialises these records and the servers (signaling, media bridge) read the same records, so a
 * renamed or dropped field changes both sides at once — and fails here, where the documented JSON is pinned.
 */
class InternalBodiesContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final NumberContextBody NUMBER = new NumberContextBody("num_1", "ten_1", "EVO_GO",
            "+5511900000001", "https://go.example", "instance-1", "v1:k1:sealed", 3L);
    private static final String NUMBER_JSON = """
            {"numberId":"num_1","tenantId":"ten_1","provider":"EVO_GO","phone":"+5511900000001",
             "baseUrl":"https://go.example","accountId":"instance-1","encryptedCredentials":"v1:k1:sealed","version":3}""";

    @Test
    void numberContextHasTheAvroRecordsFieldNames() {
        assertWire(NUMBER, NUMBER_JSON, NumberContextBody.class);
    }

    @Test
    void numberOperationsSendOnlyTheFieldsTheirOperationReads() {
        assertWire(NumberOperationRequest.readSettings(NUMBER), "{\"number\":" + NUMBER_JSON + "}",
                NumberOperationRequest.class);
        assertWire(NumberOperationRequest.updateSettings(NUMBER,
                        JSON.readTree("{\"status\":\"ENABLED\",\"call_icon_visibility\":\"DEFAULT\"}")),
                "{\"number\":" + NUMBER_JSON + ",\"calling\":{\"status\":\"ENABLED\",\"call_icon_visibility\":\"DEFAULT\"}}",
                NumberOperationRequest.class);
        assertWire(NumberOperationRequest.readPermission(NUMBER, "+5511988887777"),
                "{\"number\":" + NUMBER_JSON + ",\"to\":\"+5511988887777\"}", NumberOperationRequest.class);
        assertWire(NumberOperationRequest.requestPermission(NUMBER, "+5511988887777", "May we call you?"),
                "{\"number\":" + NUMBER_JSON + ",\"to\":\"+5511988887777\",\"text\":\"May we call you?\"}",
                NumberOperationRequest.class);
    }

    @Test
    void mediaRequestsAndThePlayAnswer() {
        assertWire(new PlayRequest("https://files.example/a.mp3", "go-call-1", NUMBER),
                "{\"mediaUrl\":\"https://files.example/a.mp3\",\"externalCallId\":\"go-call-1\",\"number\":"
                        + NUMBER_JSON + "}", PlayRequest.class);
        assertWire(new RealtimeSessionRequest("talk", "pcm16_16k", "binary", "live", null, "go-call-1", NUMBER),
                "{\"mode\":\"talk\",\"format\":\"pcm16_16k\",\"framing\":\"binary\",\"playout\":\"live\","
                        + "\"externalCallId\":\"go-call-1\","
                        + "\"number\":" + NUMBER_JSON + "}", RealtimeSessionRequest.class);
        assertWire(new RealtimeSessionRequest(null, null, null, null, "evolution_go", "go-call-1", NUMBER),
                "{\"dialect\":\"evolution_go\",\"externalCallId\":\"go-call-1\",\"number\":" + NUMBER_JSON + "}",
                RealtimeSessionRequest.class);
        assertWire(new PlayResponse(true, "call_1", 4096, "audio/mpeg", "play_01J", false, 2),
                "{\"queued\":true,\"callId\":\"call_1\",\"bytes\":4096,\"contentType\":\"audio/mpeg\","
                        + "\"playId\":\"play_01J\",\"started\":false,\"position\":2}", PlayResponse.class);
    }

    @Test
    void webhookSubscriptionBodies() {
        assertWire(new CreateWebhookRequest("https://hooks.example/r", "crm", List.of("call.ended"), List.of("num_1"),
                        null),
                "{\"url\":\"https://hooks.example/r\",\"name\":\"crm\",\"events\":[\"call.ended\"],"
                        + "\"whatsappNumberIds\":[\"num_1\"]}", CreateWebhookRequest.class);
        // PATCH: what is left out stays as it is; an empty list of numbers makes the webhook tenant-wide.
        assertWire(new UpdateWebhookRequest(null, null, null, false, List.of()),
                "{\"active\":false,\"whatsappNumberIds\":[]}", UpdateWebhookRequest.class);
        assertWire(new ReplayRequest("2026-01-01T00:00:00Z", null, "call.ended"),
                "{\"since\":\"2026-01-01T00:00:00Z\",\"event\":\"call.ended\"}", ReplayRequest.class);
    }

    @Test
    void aFieldAServerDoesNotKnowYetIsIgnored() {
        // A gateway one release ahead (rolling deployment) may send more than this server reads.
        PlayRequest read = JSON.readValue("{\"mediaUrl\":\"https://f.example/a.wav\",\"externalCallId\":\"c\","
                + "\"number\":{\"numberId\":\"num_1\",\"region\":\"eu\"},\"priority\":1}", PlayRequest.class);

        assertThat(read.mediaUrl()).isEqualTo("https://f.example/a.wav");
        assertThat(read.number().numberId()).isEqualTo("num_1");
    }

    /** Serialised exactly as documented, and the documented JSON reads back into an equal record. */
    private static <T> void assertWire(T body, String documented, Class<T> type) {
        JsonNode expected = JSON.readTree(documented);
        assertThat(JSON.readTree(JSON.writeValueAsString(body))).isEqualTo(expected);
        assertThat(JSON.readValue(documented, type)).isEqualTo(body);
    }
}
