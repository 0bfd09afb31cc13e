package io.ringline.bench.receiver;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The fields of a Ringline webhook (SPEC §4) the ledgers need; anything unreadable gives {@code null}s. */
public record WebhookFields(String id, String event, String callId, String externalCallId) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static WebhookFields parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return new WebhookFields(text(node, "id"), text(node, "event"), text(node, "callId"),
                    text(node, "externalCallId"));
        } catch (RuntimeException e) {
            return new WebhookFields(null, null, null, null);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
