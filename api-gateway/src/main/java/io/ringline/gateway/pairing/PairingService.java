package io.ringline.gateway.pairing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.gateway.tenancy.CredentialsSealer;
import io.ringline.gateway.tenancy.ProviderCredentials;
import io.ringline.gateway.tenancy.ProviderKind;
import io.ringline.gateway.tenancy.application.TenancyService;
import io.ringline.platform.vocabulary.GoConnectionState;
import io.ringline.platform.web.ApiException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Pairs an EVO_GO number's instance with WhatsApp by QR code. The state comes from GO's ConnectionUpdate webhooks
 * (and from GO's {@code /instance/status} while no webhook said "open"); while not connected, Ringline asks the
 * instance to pair ({@code /instance/connect}, at most every {@code reconnect-after}, with Ringline's webhook URL)
 * and for the code it shows now ({@code /instance/qr}), and renders that code as a PNG.
 */
@Service
class PairingService {

    /** When this gateway first saw a code, so {@code expiresAt} stays put while the code does. */
    private record SeenCode(String payload, Instant firstSeen) {
    }

    private static final String WEBHOOK_PATH = "/webhooks/evolution-go";

    private final TenancyService tenancy;
    private final CredentialsSealer sealer;
    private final InstanceConnections connections;
    private final GoPairingClient go;
    private final PairingProperties props;
    private final Clock clock;
    private final Cache<String, Instant> connectSent;
    private final Cache<String, SeenCode> seenCodes;

    PairingService(TenancyService tenancy, CredentialsSealer sealer, InstanceConnections connections,
            GoPairingClient go, PairingProperties props, Clock clock) {
        this.tenancy = tenancy;
        this.sealer = sealer;
        this.connections = connections;
        this.go = go;
        this.props = props;
        this.clock = clock;
        this.connectSent = Caffeine.newBuilder().expireAfterWrite(props.reconnectAfter()).maximumSize(10_000).build();
        this.seenCodes = Caffeine.newBuilder().expireAfterWrite(props.qrTtl().multipliedBy(3))
                .maximumSize(10_000).build();
    }

    /**
     * @param requestBase scheme, host and port the tenant reached Ringline at; the webhook URL's base when
     *                    {@code ringline.gateway.pairing.public-url} is not set
     */
    public Mono<PairingView> pairing(String tenantId, String numberId, URI requestBase) {
        return tenancy.getNumber(tenantId, numberId).flatMap(number -> {
            if (number.provider() != ProviderKind.EVO_GO) {
                return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "FEATURE_NOT_SUPPORTED",
                        "QR pairing is only available for Evolution GO numbers"));
            }
            return connections.state(number.id())
                    .filter(state -> state == GoConnectionState.OPEN)
                    .map(open -> PairingView.connected())
                    .switchIfEmpty(Mono.defer(() -> askInstance(number, requestBase)));
        });
    }

    private Mono<PairingView> askInstance(BusinessNumber number, URI requestBase) {
        URI base = number.endpoint().baseUrl();
        String token = ((ProviderCredentials.EvoGo) sealer.open(number.provider(), number.encryptedCredentials()))
                .instanceToken();
        return go.status(base, token).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(known -> {
            Mono<Void> remembered = known.map(state -> connections.record(number.id(), state, clock.instant()))
                    .orElse(Mono.empty());
            if (known.orElse(null) == GoConnectionState.OPEN) {
                return remembered.thenReturn(PairingView.connected());
            }
            return remembered.then(startPairing(number, base, token, requestBase)).then(go.qr(base, token))
                    .flatMap(answer -> switch (answer) {
                        case GoPairingClient.QrAnswer.Code code -> qrView(number.id(), code.payload());
                        case GoPairingClient.QrAnswer.LoggedIn loggedIn ->
                                connections.record(number.id(), GoConnectionState.OPEN, clock.instant())
                                        .thenReturn(PairingView.connected());
                        case GoPairingClient.QrAnswer.Refused refused -> Mono.just(new PairingView(
                                PairingState.DISCONNECTED, null, refused.message()));
                    });
        });
    }

    private Mono<Void> startPairing(BusinessNumber number, URI base, String token, URI requestBase) {
        if (connectSent.getIfPresent(number.id()) != null) {
            return Mono.empty();
        }
        boolean configured = props.publicUrl() != null && !props.publicUrl().toString().isBlank();
        URI root = configured ? props.publicUrl() : requestBase;
        URI webhook = URI.create(root.toString().replaceAll("/+$", "") + WEBHOOK_PATH);
        return go.connect(base, token, webhook).doOnSuccess(done -> connectSent.put(number.id(), clock.instant()));
    }

    private Mono<PairingView> qrView(String numberId, String payload) {
        SeenCode seen = seenCodes.asMap().compute(numberId, (id, previous) ->
                previous != null && previous.payload().equals(payload) ? previous
                        : new SeenCode(payload, clock.instant()));
        // Rendering is CPU work of a few milliseconds: kept off the event loop.
        return Mono.fromCallable(() -> QrImages.png(payload))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(IllegalArgumentException.class,
                        e -> GoPairingClient.providerError(200, "the instance's QR payload is not usable"))
                .map(png -> new PairingView(PairingState.PAIRING, new PairingView.Qr(payload,
                        Base64.getEncoder().encodeToString(png), seen.firstSeen().plus(props.qrTtl())), null));
    }
}
