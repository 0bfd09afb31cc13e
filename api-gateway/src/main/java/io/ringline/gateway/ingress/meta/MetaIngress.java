package io.ringline.gateway.ingress.meta;

import io.ringline.gateway.ingress.IngressProperties;
import io.ringline.gateway.ingress.ProviderWebhookMetrics.Outcome;
import io.ringline.gateway.ingress.ProviderWebhookMetrics;
import io.ringline.gateway.ingress.messaging.SignalPublisher;
import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.gateway.tenancy.CredentialsSealer;
import io.ringline.gateway.tenancy.ProviderCredentials;
import io.ringline.gateway.tenancy.persistence.NumberRepository;
import io.ringline.platform.crypto.Hashing;
import io.ringline.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Meta → {@code provider.signals} (docs/internal-apis.md "Meta webhook ingress"): a body naming more than
 * {@code ringline.gateway.ingress.meta-max-numbers} numbers is refused before any lookup; every number the body
 * names must verify the signature with its own app secret (computed once per distinct secret) before anything
 * of the body is acted on; then one signal per usable change, in body order, each acknowledged by the broker
 * before the webhook is answered.
 */
@Service
class MetaIngress {

    private static final Logger log = LoggerFactory.getLogger(MetaIngress.class);
    private static final String PROVIDER = "META";
    /** Signs for unknown numbers too, so an unknown phone-number-id costs what a wrong signature does. */
    private static final String NO_SUCH_SECRET = "no such number";

    private final NumberRepository numbers;
    private final CredentialsSealer sealer;
    private final SignalPublisher signals;
    private final ProviderWebhookMetrics metrics;
    private final JsonMapper json;
    private final IngressProperties props;

    MetaIngress(NumberRepository numbers, CredentialsSealer sealer, SignalPublisher signals, ProviderWebhookMetrics metrics,
            JsonMapper json, IngressProperties props) {
        this.props = props;
        this.numbers = numbers;
        this.sealer = sealer;
        this.signals = signals;
        this.metrics = metrics;
        this.json = json;
    }

    /** @return how many signals were queued (0: authenticated, nothing Ringline uses) */
    Mono<Integer> receive(byte[] rawBody, String signatureHeader) {
        MetaWebhookEnvelope envelope;
        try {
            envelope = MetaWebhookEnvelope.parse(readTree(rawBody), props.metaMaxNumbers());
        } catch (ApiException e) {
            metrics.count(PROVIDER, Outcome.INVALID);
            return Mono.error(e);
        }
        if (envelope.phoneNumberIds().isEmpty()) {
            metrics.count(PROVIDER, Outcome.UNAUTHORIZED);
            return Mono.error(unauthorized());
        }
        return Flux.fromIterable(envelope.phoneNumberIds())
                .concatMap(id -> numbers.findLiveMetaByPhoneNumberId(id)
                        .map(number -> new Named(id, number))
                        .defaultIfEmpty(new Named(id, null)))
                .collectList()
                .flatMap(named -> {
                    Map<String, BusinessNumber> verified = verify(named, rawBody, signatureHeader);
                    if (verified == null) {
                        metrics.count(PROVIDER, Outcome.UNAUTHORIZED);
                        return Mono.error(unauthorized());
                    }
                    return publish(envelope, verified, rawBody);
                });
    }

    /**
     * The body's numbers when its signature is valid for every one of them, else null. Numbers of one Meta app
     * share its app secret, so the HMAC of the body is computed once per distinct secret, not once per number.
     */
    private Map<String, BusinessNumber> verify(List<Named> named, byte[] rawBody, String signatureHeader) {
        if (named.stream().anyMatch(n -> n.number() == null)) {
            MetaSignature.verify(NO_SUCH_SECRET, rawBody, signatureHeader); // same work as a wrong signature
            return null;
        }
        Map<String, BusinessNumber> byId = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>();
        for (Named n : named) {
            byId.put(n.id(), n.number());
            secrets.add(appSecret(n.number()));
        }
        return verifiesForAll(secrets, secret -> MetaSignature.verify(secret, rawBody, signatureHeader)) ? byId : null;
    }

    /**
     * True when the signature verifies with every number's app secret: each distinct secret is checked once
     * (numbers of one Meta app share it), and checking stops at the first that fails.
     */
    static boolean verifiesForAll(Collection<String> appSecrets, Predicate<String> verifies) {
        for (String secret : new LinkedHashSet<>(appSecrets)) {
            if (!verifies.test(secret)) {
                return false;
            }
        }
        return true;
    }

    /**
     * One signal per usable change, whose payload is Meta's envelope holding just that change (docs/internal-apis.md
     * "Meta webhook ingress"): the body itself, byte for byte, when it holds one change (Meta's usual delivery);
     * otherwise {@code {object, entry:[{id, changes:[change]}]}} rebuilt around the change, so no tenant receives
     * another number's changes.
     */
    private Mono<Integer> publish(MetaWebhookEnvelope envelope, Map<String, BusinessNumber> verified, byte[] rawBody) {
        return Flux.fromIterable(envelope.changes())
                .filter(change -> change.signalKind() != null)
                .concatMap(change -> signals.publish(verified.get(change.phoneNumberId()),
                        change.signalKind(), payload(envelope, change, rawBody), change.occurredAt()))
                .count()
                .map(Long::intValue)
                .doOnSuccess(count -> metrics.count(PROVIDER, count > 0 ? Outcome.ACCEPTED : Outcome.IGNORED))
                .onErrorMap(e -> !(e instanceof ApiException), e -> {
                    metrics.count(PROVIDER, Outcome.FAILED);
                    log.warn("could not queue a Meta webhook: {}", e.toString());
                    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                            "Could not accept the webhook now; retry later");
                });
    }

    private String payload(MetaWebhookEnvelope envelope, MetaWebhookEnvelope.Change change, byte[] rawBody) {
        if (envelope.changesInBody() == 1) {
            return new String(rawBody, StandardCharsets.UTF_8);
        }
        ObjectNode single = json.createObjectNode();
        single.set("object", envelope.object());
        ObjectNode entry = single.putArray("entry").addObject();
        entry.set("id", change.entryId());
        entry.putArray("changes").add(change.change());
        return json.writeValueAsString(single);
    }

    /** Meta's subscription handshake: does some META number use this verify token? */
    Mono<Boolean> isKnownVerifyToken(String verifyToken) {
        if (verifyToken == null || verifyToken.isEmpty()) {
            return Mono.just(false);
        }
        return numbers.existsLiveMetaWithVerifyTokenHash(Hashing.sha256Hex(verifyToken));
    }

    private String appSecret(BusinessNumber number) {
        var credentials = (ProviderCredentials.Meta) sealer.open(number.provider(), number.encryptedCredentials());
        return credentials.appSecret();
    }

    private JsonNode readTree(byte[] raw) {
        try {
            return json.readTree(raw);
        } catch (JacksonException e) {
            throw ApiException.invalid("body", "malformed JSON");
        }
    }

    /** A phone-number-id of the body and its live number (null: unknown). */
    private record Named(String id, BusinessNumber number) {
    }

    private static ApiException unauthorized() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "Unknown number or invalid signature");
    }
}
