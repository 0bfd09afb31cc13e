package io.ringline.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ringline.gateway.web.JsonFields;
import io.ringline.platform.web.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class WebhookRequestsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void createKeepsEventOrderWithoutDuplicates() {
        var create = WebhookRequests.create(fields(
                "{\"url\":\"https://h.example/x\",\"events\":[\"call.ended\",\"*\",\"call.ended\"],\"name\":\" n \"}"));

        assertThat(create.events()).isEqualTo(List.of("call.ended", "*"));
        assertThat(create.name()).isEqualTo("n");
        assertThat(create.whatsappNumberId()).isNull();
    }

    @Test
    void emptyEventListIsAllowed() {
        assertThat(WebhookRequests.create(fields("{\"url\":\"http://h\",\"events\":[]}")).events()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"events\":[]}                                              | url",
            "{\"url\":\"mailto:a@b.c\",\"events\":[]}                      | url",
            "{\"url\":\"https://user:pw@h.example\",\"events\":[]}         | url",
            "{\"url\":\"https://h\",\"events\":[\"call.ended\",\"nope\"]}  | events[1]",
            "{\"url\":\"https://h\",\"events\":[1]}                        | events[0]",
            "{\"url\":\"https://h\",\"events\":[],\"environment\":\"TEST\"} | environment"
    })
    void invalidCreatesNameTheField(String body, String field) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> WebhookRequests.create(fields(body)));
        assertThat(e.details()).containsEntry("field", field);
    }

    @Test
    void updateDistinguishesAbsentFromNull() {
        var update = WebhookRequests.update(fields("{\"active\":false,\"whatsappNumberId\":null}"));

        assertThat(update.active()).isFalse();
        assertThat(update.clearNumber()).isTrue();
        assertThat(update.url()).isNull();
        assertThat(update.events()).isNull();
    }

    private static JsonFields fields(String json) {
        return new JsonFields((ObjectNode) JSON.readTree(json));
    }
}
