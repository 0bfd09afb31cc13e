package io.ringline.platform.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** An error the API reports to its caller as {@code {error, code, details}} with the given status. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> details;
    private final Map<String, String> headers;

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, null, Map.of());
    }

    public ApiException(HttpStatus status, String code, String message, Map<String, Object> details) {
        this(status, code, message, details, Map.of());
    }

    public ApiException(HttpStatus status, String code, String message, Map<String, Object> details,
            Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
        this.headers = headers;
    }

    public static ApiException invalid(String field, String problem) {
        return new ApiException(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", field + ": " + problem,
                Map.of("field", field, "problem", problem));
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
