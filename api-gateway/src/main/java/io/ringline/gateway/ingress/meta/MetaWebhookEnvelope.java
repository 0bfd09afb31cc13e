package io.ringline.gateway.ingress.meta;

import io.ringline.platform.web.ApiException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a Meta webhook body says, read only as far as routing needs (docs/internal-apis.md "Meta webhook
 * ingress"): which numbers it names, and its changes in body order. Nothing here is trusted until the
 * signature of every named number verified.
 */
record MetaWebhookEnvelope(Set<String> phoneNumberIds, List<Change> changes, JsonNode object, int changesInBody) {

    /**
     * One {@code entry[].changes[]} item, with its entry's {@code id} and the change itself as received (for the
     * envelope it travels in).
     */
    record Change(String field, String phoneNumberId, ObjectNode value, JsonNode entryId, ObjectNode change) {

        private static final List<String> TIMED_ITEMS = List.of("calls", "statuses", "messages");

        /** The signal kind this change becomes, or null when Ringline has no use for it. */
        String signalKind() {
            return switch (field) {
                case "calls" -> "meta.calls";
                case "messages" -> hasPermissionReply() ? "meta.messages" : null;
                default -> null;
            };
        }

        /**
         * Meta's own time of the change — the {@code timestamp} (epoch seconds) of its first call, status or message
         * — for the signal's id; null when it has none that parses (the id is then the payload's hash alone).
         */
        Instant occurredAt() {
            for (String items : TIMED_ITEMS) {
                String seconds = value.path(items).path(0).path("timestamp").stringValue(null);
                if (seconds != null) {
                    try {
                        return Instant.ofEpochSecond(Long.parseLong(seconds));
                    } catch (NumberFormatException | DateTimeException e) {
                        return null;
                    }
                }
            }
            return null;
        }

        private boolean hasPermissionReply() {
            for (JsonNode message : value.path("messages")) {
                if ("call_permission_reply".equals(message.path("interactive").path("type").stringValue(null))) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * @param maxNumbers most distinct phone-number-ids accepted: Meta batches a few, and each costs a lookup
     * @throws ApiException 400 when the body is not Meta's envelope, a change names no number, or it names
     *                      more than {@code maxNumbers} numbers
     */
    static MetaWebhookEnvelope parse(JsonNode body, int maxNumbers) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("body", "a JSON object is required");
        }
        JsonNode entries = body.get("entry");
        if (entries == null || !entries.isArray()) {
            throw ApiException.invalid("entry", "must be an array");
        }
        Set<String> ids = new LinkedHashSet<>();
        List<Change> changes = new ArrayList<>();
        int inBody = 0;
        for (int i = 0; i < entries.size(); i++) {
            JsonNode changeList = entries.get(i).get("changes");
            if (changeList == null || !changeList.isArray()) {
                throw ApiException.invalid("entry[" + i + "].changes", "must be an array");
            }
            for (int j = 0; j < changeList.size(); j++) {
                String at = "entry[" + i + "].changes[" + j + "]";
                JsonNode change = changeList.get(j);
                inBody++;
                String field = change.path("field").stringValue(null);
                JsonNode value = change.get("value");
                if (field == null || value == null || !value.isObject()) {
                    throw ApiException.invalid(at, "must have a field and a value object");
                }
                String id = value.path("metadata").path("phone_number_id").stringValue(null);
                if (id == null || id.isBlank()) {
                    if (field.equals("calls") || field.equals("messages")) {
                        throw ApiException.invalid(at + ".value.metadata.phone_number_id", "is required");
                    }
                    continue; // account-level fields name no number and carry nothing Ringline uses
                }
                if (ids.add(id) && ids.size() > maxNumbers) {
                    throw ApiException.invalid("entry", "names more than " + maxNumbers + " phone_number_ids");
                }
                changes.add(new Change(field, id, (ObjectNode) value, entries.get(i).get("id"), (ObjectNode) change));
            }
        }
        return new MetaWebhookEnvelope(ids, changes, body.get("object"), inBody);
    }
}
