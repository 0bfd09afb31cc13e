package io.ringline.gateway.calls.web;

import io.ringline.gateway.calls.TenantCallAction;
import io.ringline.gateway.tenancy.ProviderKind;
import io.ringline.gateway.web.JsonFields;
import io.ringline.gateway.web.Validation;
import io.ringline.platform.web.ApiException;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates calls API bodies against the number's provider (SPEC §3): META relays SDP, EVO_GO takes none.
 * Every refusal names the field.
 */
final class CallRequests {

    static final int MAX_BIZ_OPAQUE = 512;
    /** Meta does the deep SDP checks; we refuse only what cannot be an SDP at all (RFC 8866 starts "v=0"). */
    static final int MAX_SDP_BYTES = 64 * 1024;
    static final int MAX_PERMISSION_TEXT = 1024;

    private CallRequests() {
    }

    static TenantCallAction.Place place(Optional<ObjectNode> body, ProviderKind provider) {
        JsonFields fields = required(body).onlyFields("to", "sdp", "sdpType", "bizOpaqueCallbackData");
        String to = Validation.e164("to", fields.requiredString("to"));
        String sdp = sdp(fields, provider, "offer");
        String opaque = fields.optionalString("bizOpaqueCallbackData");
        if (opaque != null && opaque.length() > MAX_BIZ_OPAQUE) {
            throw ApiException.invalid("bizOpaqueCallbackData", "must be at most " + MAX_BIZ_OPAQUE + " characters");
        }
        return new TenantCallAction.Place(to, sdp, opaque);
    }

    /** META: {@code {sdp, sdpType?:"answer"}}; EVO_GO: no body (or an empty object). */
    static TenantCallAction.Accept accept(Optional<ObjectNode> body, ProviderKind provider) {
        JsonFields fields = body.map(JsonFields::new).orElse(null);
        if (fields == null) {
            if (provider == ProviderKind.META) {
                throw sdpRequired(provider, "answer");
            }
            return new TenantCallAction.Accept(null);
        }
        fields.onlyFields("sdp", "sdpType");
        return new TenantCallAction.Accept(sdp(fields, provider, "answer"));
    }

    static TenantCallAction.PreAccept preAccept(Optional<ObjectNode> body, ProviderKind provider) {
        JsonFields fields = required(body).onlyFields("sdp", "sdpType");
        return new TenantCallAction.PreAccept(sdp(fields, provider, "answer"));
    }

    /** {@code POST /v1/calls/permissions/request {to, text?}}. */
    record PermissionRequest(String to, String text) {
    }

    static PermissionRequest permissionRequest(Optional<ObjectNode> body) {
        JsonFields fields = required(body).onlyFields("to", "text");
        String to = Validation.e164("to", fields.requiredString("to"));
        return new PermissionRequest(to, fields.optionalText("text", MAX_PERMISSION_TEXT));
    }

    /** Reject and terminate take no body; an empty object is tolerated, anything in it is not. */
    static void noBody(Optional<ObjectNode> body) {
        body.map(JsonFields::new).ifPresent(JsonFields::onlyFields);
    }

    private static String sdp(JsonFields fields, ProviderKind provider, String expectedType) {
        String sdp = fields.optionalString("sdp");
        String sdpType = fields.optionalString("sdpType");
        if (provider == ProviderKind.EVO_GO) {
            if (sdp != null) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "INVALID_REQUEST",
                        "sdp is not accepted on Evolution GO numbers: media is handled server-side",
                        Map.of("field", "sdp", "problem", "not accepted on Evolution GO numbers"));
            }
            if (sdpType != null && !sdpType.equals(expectedType)) {
                throw ApiException.invalid("sdpType", "must be \"" + expectedType + "\"");
            }
            return null;
        }
        if (sdp == null) {
            throw sdpRequired(provider, expectedType);
        }
        if (sdp.isBlank()) {
            throw ApiException.invalid("sdp", "must not be blank");
        }
        if (!sdp.startsWith("v=0")) {
            throw ApiException.invalid("sdp", "must be an SDP (RFC 8866) starting with v=0");
        }
        if (sdp.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SDP_BYTES) {
            throw ApiException.invalid("sdp", "must be at most 64 KiB");
        }
        if (sdpType != null && !sdpType.equals(expectedType)) {
            throw ApiException.invalid("sdpType", "must be \"" + expectedType + "\"");
        }
        return sdp;
    }

    private static ApiException sdpRequired(ProviderKind provider, String type) {
        return new ApiException(HttpStatus.BAD_REQUEST, "INVALID_REQUEST",
                "sdp (the WebRTC SDP " + type + ") is required on " + provider.label() + " numbers",
                Map.of("field", "sdp", "problem", "is required on " + provider.label() + " numbers"));
    }

    private static JsonFields required(Optional<ObjectNode> body) {
        return body.map(JsonFields::new).orElseThrow(() -> ApiException.invalid("body", "a JSON object is required"));
    }
}
