package io.ringline.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ringline.gateway.web.JsonFields;
import io.ringline.platform.web.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Edge validation of the delivery-log query and the replay body, row by row. */
class WebhookOperationRequestsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest(name = "limit={0} event={1} before={2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "-,  -,                        -,    ok",
            "1,  call.ended,               7,    ok",
            "50, call.permission_updated,  -,    ok",
            "0,  -,                        -,    limit",
            "51, -,                        -,    limit",
            "x,  -,                        -,    limit",
            "-,  '*',                      -,    event",
            "-,  call.bogus,               -,    event",
            "-,  -,                        0,    before",
            "-,  -,                        -3,   before",
            "-,  -,                        abc,  before"})
    void logQuery(String limit, String event, String before, String outcome) {
        if (outcome.equals("ok")) {
            assertThat(WebhookRequests.logQuery(limit, event, before))
                    .isEqualTo(new WebhookRequests.LogQuery(limit, event, before));
        } else {
            ApiException e = catchThrowableOfType(ApiException.class, () -> WebhookRequests.logQuery(limit, event, before));
            assertThat(e.details()).containsEntry("field", outcome);
        }
    }

    @Test
    void replayNormalisesInstantsAndKeepsTheOptionalFieldsOptional() {
        WebhookRequests.Replay replay = WebhookRequests.replay(fields("{\"since\":\"2026-01-01T00:00:00.000Z\"}"));
        assertThat(replay).isEqualTo(new WebhookRequests.Replay("2026-01-01T00:00:00Z", null, null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{}                                                              | since",
            "{\"since\":\"yesterday\"}                                       | since",
            "{\"since\":1}                                                   | since",
            "{\"since\":\"2026-01-01T00:00:00Z\",\"until\":\"soon\"}         | until",
            "{\"since\":\"2026-01-01T00:00:00Z\",\"event\":\"*\"}            | event",
            "{\"since\":\"2026-01-01T00:00:00Z\",\"limit\":3}                | limit"})
    void invalidReplayBodiesNameTheField(String body, String field) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> WebhookRequests.replay(fields(body)));
        assertThat(e.details()).containsEntry("field", field);
    }

    private static JsonFields fields(String json) {
        return new JsonFields((ObjectNode) JSON.readTree(json));
    }
}
