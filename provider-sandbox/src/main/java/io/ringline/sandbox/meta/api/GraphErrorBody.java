package io.ringline.sandbox.meta.api;

import java.util.Base64;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ringline.sandbox.meta.GraphException;
import io.ringline.sandbox.sim.call.CallIds;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Graph API error body: {@code {error:{message, type, code, error_subcode?, error_data:{messaging_product,
 * details}, fbtrace_id}}}. Authentication failures (190) are 401, every other error 400, as Graph answers.
 */
record GraphErrorBody(Error error) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Error(String message, String type, int code, Integer errorSubcode, ErrorData errorData, String fbtraceId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ErrorData(String messagingProduct, String details) {
    }

    static GraphErrorBody of(GraphException e) {
        ErrorData data = e.details() == null ? null : new ErrorData("whatsapp", e.details());
        return new GraphErrorBody(new Error(e.getMessage(), "OAuthException", e.code(), e.subcode(), data,
                Base64.getUrlEncoder().withoutPadding().encodeToString(CallIds.randomBytes(18))));
    }

    static HttpStatus statusOf(GraphException e) {
        return e.code() == 190 ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST;
    }
}
