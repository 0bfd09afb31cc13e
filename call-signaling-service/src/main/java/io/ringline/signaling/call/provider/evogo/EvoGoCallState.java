package io.ringline.signaling.call.provider.evogo;

import io.ringline.signaling.call.Direction;
import io.ringline.signaling.call.provider.ProviderCallState;
import io.ringline.signaling.call.provider.ProviderCallState.Phase;
import io.ringline.signaling.call.provider.CredentialEnvelopes;
import io.ringline.signaling.call.provider.ProviderGateway;
import io.ringline.signaling.number.NumberAccount;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks a GO instance about one call ({@code GET /call/{callId}}, SPEC §6.2: {@code state ringing|active|ended},
 * {@code durationSeconds}, and {@code direction}, {@code peer}, {@code startedAt}); GO's {@code 404} means it does not know the call. Empty when GO could not tell: not
 * reachable, not connected ({@code 409}), another error, an unreadable answer, or the number's requests all busy.
 */
@Component
public class EvoGoCallState {

    private static final Logger log = LoggerFactory.getLogger(EvoGoCallState.class);

    private final WebClient http;
    private final CredentialEnvelopes credentials;
    private final JsonMapper json;
    private final ProviderGateway providers;

    EvoGoCallState(WebClient providerWebClient, CredentialEnvelopes credentials, JsonMapper json,
            ProviderGateway providers) {
        this.http = providerWebClient;
        this.credentials = credentials;
        this.json = json;
        this.providers = providers;
    }

    public Mono<ProviderCallState> state(NumberAccount number, String externalCallId) {
        return providers.numberRequest(number, "call_state", () -> http.get()
                        .uri(UriComponentsBuilder.fromUriString(number.baseUrl()).path("/call/{callId}")
                                .buildAndExpand(externalCallId).encode().toUri())
                        .header("apikey", credentials.field(number, "instanceToken"))
                        .accept(MediaType.APPLICATION_JSON)
                        .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                                .flatMap(text -> {
                                    int status = response.statusCode().value();
                                    if (status == 404) {
                                        return Mono.just(ProviderCallState.unknownCall());
                                    }
                                    if (!response.statusCode().is2xxSuccessful()) {
                                        log.warn("GO answered {} about call {} of {}", status, externalCallId,
                                                number.numberId());
                                        return Mono.empty();
                                    }
                                    return Mono.justOrEmpty(read(text));
                                })))
                .onErrorResume(e -> {
                    log.warn("could not ask GO of {} about call {}: {}", number.numberId(), externalCallId, e.toString());
                    return Mono.empty();
                });
    }

    private ProviderCallState read(String text) {
        JsonNode call = json.readTree(text);
        Phase phase = switch (call.path("state").asString("").toLowerCase(Locale.ROOT)) {
            case "ringing" -> Phase.RINGING;
            case "active" -> Phase.ACTIVE;
            case "ended" -> Phase.ENDED;
            default -> null;
        };
        if (phase == null) {
            return null;
        }
        JsonNode duration = call.path("durationSeconds");
        Direction direction = switch (call.path("direction").asString("").toLowerCase(Locale.ROOT)) {
            case "incoming" -> Direction.INBOUND;
            case "outgoing" -> Direction.OUTBOUND;
            default -> null;
        };
        return new ProviderCallState(phase, duration.isNumber() ? duration.asInt() : null, direction,
                peerNumber(call.path("peer").asString("")), startedAt(call.path("startedAt")));
    }

    /** GO's {@code peer}: a phone JID or plain digits (with or without {@code +}); null when it names no phone. */
    private static String peerNumber(String peer) {
        if (peer.contains("@")) {
            return JidNumbers.isPhoneJid(peer) ? JidNumbers.toE164(peer) : null;
        }
        String digits = JidNumbers.digits(peer);
        return digits.isEmpty() ? null : "+" + digits;
    }

    private static Instant startedAt(JsonNode value) {
        if (!value.isString()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.asString()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
