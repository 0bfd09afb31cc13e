package io.ringline.gateway.upstream;

import io.ringline.platform.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One answer of an internal service, kept as raw JSON so the gateway can relay it unchanged. */
public record UpstreamResponse(String service, int status, byte[] body) {

    private static final Logger log = LoggerFactory.getLogger(UpstreamResponse.class);

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /**
     * The answer as the public API gives it: successes and the internal services' own error bodies pass
     * through (they use the public error body); a rejected internal token or a body that is not ours
     * becomes {@code 502 UPSTREAM_ERROR}, because the caller's request was not at fault.
     */
    public ResponseEntity<byte[]> relay(JsonMapper json) {
        if (isSuccess()) {
            if (body.length == 0) {
                return ResponseEntity.status(status).build();
            }
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
        }
        throw asError(json);
    }

    /** This non-2xx answer as the exception the public API reports. */
    public ApiException asError(JsonMapper json) {
        JsonNode error = parse(json);
        if (isTokenRefusal(error)) {
            log.error("{} refused the gateway's internal token (HTTP {}): check RINGLINE_INTERNAL_TOKEN", service, status);
            return badGateway();
        }
        if (error == null || !error.path("code").isString() || !error.path("error").isString()) {
            log.warn("{} answered HTTP {} without an error body", service, status);
            return badGateway();
        }
        HttpStatus resolved = HttpStatus.resolve(status);
        if (resolved == null) {
            return badGateway();
        }
        java.util.Map<String, Object> details = error.path("details").isObject()
                ? json.convertValue(error.get("details"), json.getTypeFactory().constructMapType(
                        java.util.LinkedHashMap.class, String.class, Object.class))
                : null;
        return new ApiException(resolved, error.get("code").stringValue(), error.get("error").stringValue(), details,
                RetryAfter.headers(details));
    }

    /**
     * A 401, or a 403 without a code of its own, is the internal token being refused; a 403 with a code (Meta's
     * {@code META_CALL_PERMISSION_REQUIRED} relayed by the signaling service) is the caller's answer.
     */
    private boolean isTokenRefusal(JsonNode error) {
        if (status == 401) {
            return true;
        }
        if (status != 403) {
            return false;
        }
        String code = error == null ? null : error.path("code").stringValue(null);
        return code == null || code.equals("UNAUTHORIZED") || code.equals("FORBIDDEN");
    }

    public JsonNode parse(JsonMapper json) {
        if (body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The body as one of the shared internal records ({@code io.ringline.platform.internalapi}); null if it is not. */
    public <T> T read(JsonMapper json, Class<T> type) {
        if (body.length == 0) {
            return null;
        }
        try {
            return json.readValue(body, type);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private ApiException badGateway() {
        return new ApiException(HttpStatus.BAD_GATEWAY, "UPSTREAM_ERROR", "An internal service failed; try again");
    }

    public HttpStatusCode statusCode() {
        return HttpStatusCode.valueOf(status);
    }
}
