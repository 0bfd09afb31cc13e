package io.ringline.signaling.call.provider.meta;

import io.ringline.signaling.call.provider.ProviderException;
import io.ringline.signaling.call.provider.ProviderGateway;
import io.ringline.signaling.number.NumberAccount;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A META number's calling settings and its users' call permissions (SPEC §3, §6.1): Meta's answers are
 * passed on as they came, minus the envelope ({@code messaging_product}).
 */
@Component
public class MetaNumberOperations {

    private final MetaGraphClient graph;
    private final ProviderGateway providers;

    MetaNumberOperations(MetaGraphClient graph, ProviderGateway providers) {
        this.graph = graph;
        this.providers = providers;
    }

    /** {@code {calling:{…}}}. */
    public Mono<JsonNode> readSettings(NumberAccount number) {
        return providers.numberRequest(number, "settings_read",
                () -> graph.get(number, "settings", q -> q).map(answer -> only(answer, "calling")));
    }

    public Mono<Void> updateSettings(NumberAccount number, JsonNode calling) {
        return providers.numberRequest(number, "settings_update",
                () -> graph.post(number, "settings", Map.of("calling", calling)).then());
    }

    /** {@code {permission:{status, expiration_time?}, actions:[…]}} for the user with E.164 number {@code to}. */
    public Mono<JsonNode> readPermission(NumberAccount number, String to) {
        return providers.numberRequest(number, "permissions_read",
                () -> graph.get(number, "call_permissions", q -> q.queryParam("user_wa_id", digits(to)))
                        .map(answer -> only(answer, "permission", "actions")));
    }

    /** Sends the interactive call-permission request; emits Meta's message id. */
    public Mono<String> requestPermission(NumberAccount number, String to, String text) {
        Map<String, Object> interactive = new LinkedHashMap<>();
        interactive.put("type", "call_permission_request");
        interactive.put("action", Map.of("name", "call_permission_request"));
        if (text != null && !text.isBlank()) {
            interactive.put("body", Map.of("text", text));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", digits(to));
        body.put("type", "interactive");
        body.put("interactive", interactive);
        return providers.numberRequest(number, "permissions_request",
                () -> graph.post(number, "messages", body).map(answer -> {
                    String id = answer.path("messages").path(0).path("id").asString(null);
                    if (id == null || id.isBlank()) {
                        throw new ProviderException(MetaErrors.unexpectedAnswer("no messages[0].id in the answer"));
                    }
                    return id;
                }));
    }

    private static JsonNode only(JsonNode answer, String... fields) {
        ObjectNode kept = ((ObjectNode) answer).objectNode();
        for (String field : fields) {
            if (!answer.has(field)) {
                throw new ProviderException(MetaErrors.unexpectedAnswer("no " + field + " in the answer"));
            }
            kept.set(field, answer.get(field));
        }
        return kept;
    }

    private static String digits(String number) {
        return number.replaceAll("[^0-9]", "");
    }
}
