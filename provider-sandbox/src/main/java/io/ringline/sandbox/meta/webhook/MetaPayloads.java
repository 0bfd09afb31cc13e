package io.ringline.sandbox.meta.webhook;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The JSON Meta posts to a business's webhook (reference/meta-cloud-api-calling.md, "Webhooks"). Field names are
 * Meta's snake_case; absent values are left out rather than sent as null, as Meta does.
 */
final class MetaPayloads {

    private MetaPayloads() {
    }

    record Envelope(String object, List<Entry> entry) {
        static Envelope of(String wabaId, String field, Object value) {
            return new Envelope("whatsapp_business_account",
                    List.of(new Entry(wabaId, List.of(new Change(field, value)))));
        }
    }

    record Entry(String id, List<Change> changes) {
    }

    record Change(String field, Object value) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Metadata(String displayPhoneNumber, String phoneNumberId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Contact(Profile profile, String waId) {
    }

    record Profile(String name) {
    }

    /** {@code value} of field {@code calls}: connect or terminate events. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CallsValue(String messagingProduct, Metadata metadata, List<Contact> contacts, List<CallEvent> calls) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CallEvent(String id, String to, String from, String event, String timestamp, String direction,
            Session session, String bizOpaqueCallbackData, String status, String startTime, String endTime,
            Long duration) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Session(String sdpType, String sdp) {
    }

    /** {@code value} of field {@code calls} carrying status updates of a business-initiated call. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StatusesValue(String messagingProduct, Metadata metadata, List<CallStatus> statuses) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CallStatus(String id, String timestamp, String type, String status, String recipientId,
            String bizOpaqueCallbackData) {
    }

    /** {@code value} of field {@code messages} carrying a user's reply to a call permission request. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MessagesValue(String messagingProduct, Metadata metadata, List<Contact> contacts,
            List<InboundMessage> messages) {
    }

    record InboundMessage(String from, String id, String timestamp, String type, Context context,
            Interactive interactive) {
    }

    record Context(String from, String id) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Interactive(String type, PermissionReply callPermissionReply) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PermissionReply(String response, boolean isPermanent, String expirationTimestamp, String responseSource) {
    }
}
