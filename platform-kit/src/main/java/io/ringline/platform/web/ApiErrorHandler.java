package io.ringline.platform.web;


import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns every failure into Ringline's error body {@code {error, code, details}}: ApiExceptions as
 * thrown, unreadable input as {@code 400 INVALID_REQUEST} naming the offending field, unknown routes
 * as {@code 404 NOT_FOUND}, anything unexpected as {@code 500 INTERNAL_ERROR} (logged, never echoed).
 */
@Order(-2)
public class ApiErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    private final JsonMapper json;

    public ApiErrorHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        ApiException api = toApiException(ex, exchange);
        var response = exchange.getResponse();
        response.setStatusCode(api.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        api.headers().forEach((k, v) -> response.getHeaders().set(k, v));
        byte[] body = json.writeValueAsBytes(new ApiError(api.getMessage(), api.code(), api.details()));
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    static ApiException toApiException(Throwable ex, ServerWebExchange exchange) {
        if (ex instanceof ApiException api) {
            return api;
        }
        if (ex instanceof WebExchangeBindException bind) {
            Map<String, Object> details = new LinkedHashMap<>();
            bind.getFieldErrors().forEach(f -> details.put(f.getField(), f.getDefaultMessage()));
            String fields = bind.getFieldErrors().stream().map(f -> f.getField() + ": " + f.getDefaultMessage())
                    .collect(Collectors.joining("; "));
            return new ApiException(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", fields, details);
        }
        if (ex instanceof ServerWebInputException input) {
            return invalidInput(input);
        }
        if (ex instanceof ResponseStatusException rse) {
            return fromStatus(rse.getStatusCode(), rse.getReason(), exchange);
        }
        log.error("unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Internal error");
    }

    private static ApiException invalidInput(ServerWebInputException input) {
        for (Throwable t = input; t != null; t = t.getCause()) {
            if (t instanceof JacksonException je) {
                String field = je.getPath().stream()
                        .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining("."));
                String problem = je.getOriginalMessage();
                if (problem != null && problem.length() > 200) {
                    problem = problem.substring(0, 200);
                }
                if (field.isEmpty()) {
                    return new ApiException(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "Malformed JSON body",
                            Map.of("problem", String.valueOf(problem)));
                }
                return ApiException.invalid(field, String.valueOf(problem));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String reason = input.getReason() != null ? input.getReason() : "Invalid request";
        return new ApiException(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", reason);
    }

    private static ApiException fromStatus(HttpStatusCode status, String reason, ServerWebExchange exchange) {
        HttpStatus resolved = HttpStatus.resolve(status.value());
        if (resolved == null) {
            resolved = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String code = switch (resolved) {
            case NOT_FOUND -> "NOT_FOUND";
            case METHOD_NOT_ALLOWED -> "METHOD_NOT_ALLOWED";
            case UNSUPPORTED_MEDIA_TYPE, NOT_ACCEPTABLE, CONTENT_TOO_LARGE, BAD_REQUEST -> "INVALID_REQUEST";
            default -> resolved.name();
        };
        HttpStatus finalStatus = resolved == HttpStatus.CONTENT_TOO_LARGE ? HttpStatus.BAD_REQUEST : resolved;
        String message = reason != null ? reason : resolved.getReasonPhrase();
        if (resolved == HttpStatus.NOT_FOUND) {
            message = "No route for " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath();
        }
        return new ApiException(finalStatus, code, message);
    }

}
