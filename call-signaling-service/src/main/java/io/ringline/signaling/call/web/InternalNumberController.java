package io.ringline.signaling.call.web;

import io.ringline.platform.internalapi.NumberContextBody;
import io.ringline.platform.internalapi.NumberOperationRequest;
import io.ringline.platform.web.ApiException;
import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.call.provider.ProviderException;
import io.ringline.signaling.call.provider.ProviderTimeoutException;
import io.ringline.signaling.call.provider.meta.MetaNumberOperations;
import io.ringline.signaling.number.NumberAccount;
import io.ringline.signaling.number.NumberConnections;
import io.ringline.signaling.number.Provider;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Number-level provider operations for the gateway (docs/internal-apis.md "Number-level provider
 * operations"): Meta calling settings and call permissions, and the GO instance's connection state.
 * The gateway has validated the request; this checks only what it needs to act safely.
 */
@RestController
@RequestMapping("/internal/numbers/{numberId}")
class InternalNumberController {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final String UNSUPPORTED_KIND = "Calling is only supported for Meta Cloud API and Evolution GO numbers.";

    record Success(boolean success) {
    }

    record MessageId(String messageId) {
    }

    record ConnectionJson(String state, Instant updatedAt) {
    }

    private final MetaNumberOperations meta;
    private final NumberConnections connections;
    private final JsonMapper json;

    InternalNumberController(MetaNumberOperations meta, NumberConnections connections, JsonMapper json) {
        this.meta = meta;
        this.connections = connections;
        this.json = json;
    }

    @PostMapping("/provider/settings/read")
    Mono<JsonNode> readSettings(@PathVariable String numberId, @RequestBody NumberOperationRequest body) {
        return Mono.defer(() -> meta.readSettings(metaNumber(numberId, body.number(), "Call settings")))
                .onErrorMap(this::providerError);
    }

    @PostMapping("/provider/settings/update")
    Mono<Success> updateSettings(@PathVariable String numberId, @RequestBody NumberOperationRequest body) {
        return Mono.defer(() -> {
            NumberAccount number = metaNumber(numberId, body.number(), "Call settings");
            if (body.calling() == null || !body.calling().isObject()) {
                throw ApiException.invalid("calling", "must be an object");
            }
            return meta.updateSettings(number, body.calling()).thenReturn(new Success(true));
        }).onErrorMap(this::providerError);
    }

    @PostMapping("/provider/permissions/read")
    Mono<JsonNode> readPermission(@PathVariable String numberId, @RequestBody NumberOperationRequest body) {
        return Mono.defer(() -> {
            NumberAccount number = metaNumber(numberId, body.number(), "Call permissions");
            return meta.readPermission(number, e164(body.to()));
        }).onErrorMap(this::providerError);
    }

    @PostMapping("/provider/permissions/request")
    Mono<MessageId> requestPermission(@PathVariable String numberId, @RequestBody NumberOperationRequest body) {
        return Mono.defer(() -> {
            NumberAccount number = metaNumber(numberId, body.number(), "Call permissions");
            return meta.requestPermission(number, e164(body.to()), body.text()).map(MessageId::new);
        }).onErrorMap(this::providerError);
    }

    /** The GO instance's last known state; {@code unknown} (with no time) until GO or a webhook said. */
    @GetMapping("/connection")
    Mono<ConnectionJson> connection(@PathVariable String numberId) {
        return connections.find(numberId)
                .map(c -> new ConnectionJson(c.state().wire(), c.observedAt()))
                .defaultIfEmpty(new ConnectionJson("unknown", null));
    }

    private static NumberAccount metaNumber(String numberId, NumberContextBody context, String feature) {
        NumberAccount number = NumberContexts.toAccount(context, numberId);
        if (!number.supportsCalling()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "FEATURE_NOT_SUPPORTED", UNSUPPORTED_KIND);
        }
        if (number.provider() != Provider.META) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "FEATURE_NOT_SUPPORTED",
                    feature + " are only supported on Meta Cloud API numbers");
        }
        return number;
    }

    private static String e164(String to) {
        if (to == null || !E164.matcher(to).matches()) {
            throw ApiException.invalid("to", "must be an E.164 phone number");
        }
        return to;
    }

    private Throwable providerError(Throwable e) {
        return switch (e) {
            case ProviderException p -> apiError(p.error());
            case ProviderTimeoutException t -> apiError(t.error());
            default -> e;
        };
    }

    @SuppressWarnings("unchecked")
    private ApiException apiError(CommandError error) {
        Map<String, Object> details = error.detailsJson() == null ? null
                : json.readValue(error.detailsJson(), LinkedHashMap.class);
        Object retryAfter = details == null ? null : details.get("retryAfterSeconds");
        Map<String, String> headers = retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter.toString());
        return new ApiException(HttpStatus.valueOf(error.httpStatus()), error.code(), error.message(), details,
                headers);
    }
}
