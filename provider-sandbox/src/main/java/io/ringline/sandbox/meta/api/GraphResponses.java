package io.ringline.sandbox.meta.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ringline.sandbox.meta.permission.PermissionStatus;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.node.ObjectNode;

/** Graph API success bodies for the calling routes. */
final class GraphResponses {

    private GraphResponses() {
    }

    /** What {@code POST /calls} answers: the new call for connect, plain success for the other actions. */
    sealed interface CallActionResult permits Success, CallCreated {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Success(String messagingProduct, boolean success) implements CallActionResult {
        static final Success OK = new Success("whatsapp", true);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CallCreated(String messagingProduct, List<CallId> calls) implements CallActionResult {
        static CallCreated of(String id) {
            return new CallCreated("whatsapp", List.of(new CallId(id)));
        }
    }

    record CallId(String id) {
    }

    record Settings(ObjectNode calling) {
    }

    record SettingsUpdated(boolean success) {
        static final SettingsUpdated OK = new SettingsUpdated(true);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Permissions(String messagingProduct, Permission permission, List<PermissionAction> actions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Permission(PermissionStatus status, Long expirationTime) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PermissionAction(String actionName, boolean canPerformAction, List<Limit> limits) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Limit(String timePeriod, int maxAllowed, int currentUsage, Long limitExpirationTime) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MessageSent(String messagingProduct, List<SentContact> contacts, List<CallId> messages) {
        static MessageSent of(String input, String waId, String messageId) {
            return new MessageSent("whatsapp", List.of(new SentContact(input, waId)), List.of(new CallId(messageId)));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SentContact(String input, String waId) {
    }
}
