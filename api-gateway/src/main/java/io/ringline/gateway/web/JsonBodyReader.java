package io.ringline.gateway.web;

import io.ringline.gateway.config.GatewayProperties;
import io.ringline.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a public request body as a JSON object, strictly: bounded size ({@link BoundedBody}:
 * {@code ringline.gateway.max-body-size}, refused before buffering more), well-formed, no duplicate keys,
 * an object at the top. Field-level checks are {@link JsonFields}' job; binding to records is not used
 * because Jackson coerces types (a number into a String field) that the API must refuse.
 */
@Component
public class JsonBodyReader {

    private final JsonMapper strict;
    private final int maxBytes;

    public JsonBodyReader(JsonMapper json, GatewayProperties props) {
        this.strict = json.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        this.maxBytes = (int) props.maxBodySize().toBytes();
    }

    /** The body as an object; empty when the request has no body (or only whitespace). */
    public Mono<Optional<ObjectNode>> read(ServerHttpRequest request) {
        return BoundedBody.read(request, maxBytes).map(this::parse);
    }

    /** Like {@link #read} but an absent body is an error naming {@code body}. */
    public Mono<JsonFields> readRequired(ServerHttpRequest request) {
        return read(request).map(body -> body.map(JsonFields::new)
                .orElseThrow(() -> ApiException.invalid("body", "a JSON object is required")));
    }

    private Optional<ObjectNode> parse(byte[] bytes) {
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = strict.readTree(bytes);
        } catch (JacksonException e) {
            String problem = e.getOriginalMessage();
            if (problem != null && problem.length() > 200) {
                problem = problem.substring(0, 200);
            }
            throw new ApiException(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "Malformed JSON body",
                    Map.of("field", "body", "problem", String.valueOf(problem)));
        }
        if (node == null || !node.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object");
        }
        return Optional.of((ObjectNode) node);
    }

}
