package io.ringline.gateway.ingress.evogo;

import io.ringline.gateway.ingress.ProviderWebhookMetrics.Outcome;
import io.ringline.gateway.ingress.ProviderWebhookMetrics;
import io.ringline.gateway.ingress.messaging.SignalPublisher;
import io.ringline.gateway.pairing.InstanceConnections;
import io.ringline.gateway.tenancy.persistence.NumberRepository.EvoGoRoute;
import io.ringline.gateway.web.JsonFields;
import io.ringline.platform.crypto.Hashing;
import io.ringline.platform.net.ProviderText;
import io.ringline.platform.vocabulary.GoConnectionState;
import io.ringline.platform.web.ApiException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates one Evolution GO webhook ({@code {event, instanceName, instanceToken, data}}) by the
 * number's stored token hash and queues it as a ProviderSignal. The token never travels further.
 */
@Service
class EvoGoIngress {

    private static final Logger log = LoggerFactory.getLogger(EvoGoIngress.class);
    private static final String PROVIDER = "EVO_GO";

    /** What the webhook became: queued under this signal id, or ignored. */
    record Result(String signalId) {
        boolean ignored() {
            return signalId == null;
        }
    }

    private final EvoGoRoutes routes;
    private final SignalPublisher signals;
    private final ProviderWebhookMetrics metrics;
    private final JsonMapper json;
    private final InstanceConnections connections;
    private final Clock clock;

    EvoGoIngress(EvoGoRoutes routes, SignalPublisher signals, ProviderWebhookMetrics metrics, JsonMapper json,
            InstanceConnections connections, Clock clock) {
        this.routes = routes;
        this.signals = signals;
        this.metrics = metrics;
        this.json = json;
        this.connections = connections;
        this.clock = clock;
    }

    Mono<Result> receive(JsonFields body) {
        String event;
        String instanceName;
        String instanceToken;
        JsonNode data;
        try {
            event = body.requiredText("event", 100);
            instanceName = body.requiredText("instanceName", 200);
            instanceToken = body.requiredString("instanceToken");
            data = body.raw("data");
        } catch (ApiException e) {
            metrics.count(PROVIDER, Outcome.INVALID);
            return Mono.error(e);
        }
        // Found by instance name and token hash together: one name may live on several GO servers, and an
        // unknown instance costs the same as a wrong token (one hash, at most one indexed read: EvoGoRoutes).
        return routes.find(instanceName, Hashing.sha256Hex(instanceToken))
                .map(found -> {
                    if (found.size() > 1) {
                        // Two live numbers share name and token: acting for either could act for the wrong tenant.
                        log.warn("{} Evolution GO numbers share instance name and token; refusing the webhook",
                                found.size());
                    }
                    return new Authenticated(found.size() == 1 ? found.getFirst() : null);
                })
                .flatMap(auth -> {
                    if (auth.route() == null) {
                        metrics.count(PROVIDER, Outcome.UNAUTHORIZED);
                        return Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED",
                                "Unknown instance or wrong instance token"));
                    }
                    if (!EvoGoEvents.isForwarded(event)) {
                        log.debug("ignoring Evolution GO event {} for {}", event, auth.route().number().id());
                        metrics.count(PROVIDER, Outcome.IGNORED);
                        return Mono.just(new Result(null));
                    }
                    if (data == null || !data.isObject()) {
                        metrics.count(PROVIDER, Outcome.INVALID);
                        return Mono.error(ApiException.invalid("data", "must be an object for " + event));
                    }
                    return noteConnection(auth.route().number().id(), event, data)
                            .then(Mono.defer(() -> signals.publish(auth.route().number(), EvoGoEvents.kind(event),
                                    json.writeValueAsString(data), EvoGoEvents.occurredAt(data))))
                            .doOnSuccess(signalId -> metrics.count(PROVIDER, Outcome.ACCEPTED))
                            .map(Result::new)
                            .onErrorMap(e -> !(e instanceof ApiException), e -> {
                                metrics.count(PROVIDER, Outcome.FAILED);
                                log.warn("could not queue Evolution GO {} for {}: {}", event,
                                        auth.route().number().id(), e.toString());
                                return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                                        "Could not accept the webhook now; retry later");
                            });
                });
    }

    /** A ConnectionUpdate also moves the number's pairing state (GET /v1/numbers/{id}/pairing). */
    private Mono<Void> noteConnection(String numberId, String event, JsonNode data) {
        if (!"ConnectionUpdate".equals(event) || !data.path("state").isString()) {
            return Mono.empty();
        }
        // A state GO may add later moves nothing here (the signal still goes on, and signaling reports it malformed).
        return GoConnectionState.fromWire(data.path("state").stringValue())
                .map(state -> connections.record(numberId, state, clock.instant()))
                .orElseGet(() -> {
                    log.warn("Evolution GO ConnectionUpdate for {} with unknown state {}", numberId,
                            ProviderText.excerpt(data.path("state").stringValue()));
                    return Mono.empty();
                });
    }

    /** @param route null when no single live number has this instance name and token */
    private record Authenticated(EvoGoRoute route) {
    }
}
