package io.ringline.sandbox.evogo.pairing;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.ringline.sandbox.evogo.GoInstance;
import io.ringline.sandbox.evogo.GoInstances;
import io.ringline.sandbox.sim.call.CallIds;
import org.springframework.stereotype.Component;

/**
 * QR pairing of GO instances, as a WhatsApp session links a phone: an instance that is not logged in starts a
 * pairing session when asked to connect or for its QR code, shows a fresh code every {@code qr-ttl}, and is logged
 * in (connected, with a {@code ConnectionUpdate open} webhook) when a phone scans the code shown at that moment.
 * Codes are derived from the clock when asked for, so a pairing nobody looks at costs nothing. Reporting the new
 * connection is the caller's ({@link io.ringline.sandbox.evogo.GoConnectivityWatcher}).
 */
@Component
public class GoPairing {

    /** One pairing in progress: its start, and the code shown for the current period (made when first asked). */
    private record Session(Instant startedAt, long period, String code) {
    }

    private final GoInstances instances;
    private final Duration qrTtl;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    GoPairing(GoInstances instances, SimulatedPairingProperties props, Clock clock) {
        this.instances = instances;
        this.qrTtl = props.qrTtl();
        this.clock = clock;
    }

    /**
     * {@code /instance/connect}: starts pairing unless the instance is logged in or already pairing; a given
     * webhook URL becomes the instance's (GO stores it with the connection settings).
     */
    public GoInstance connect(GoInstance instance, URI webhookUrl) {
        GoInstance updated = instance;
        if (webhookUrl != null && !webhookUrl.equals(instance.webhookUrl())) {
            updated = new GoInstance(instance.name(), instance.token(), instance.phone(), webhookUrl,
                    instance.connected());
            instances.put(updated);
        }
        if (!updated.connected()) {
            sessions.computeIfAbsent(updated.name(), name -> new Session(clock.instant(), -1, null));
        }
        return updated;
    }

    /** {@code /instance/qr}: the code to scan now; empty when the instance is logged in (nothing to pair). */
    public Optional<QrCode> currentCode(GoInstance instance) {
        if (instance.connected()) {
            sessions.remove(instance.name());
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session session = sessions.compute(instance.name(), (name, current) -> {
            Session started = current != null ? current : new Session(now, -1, null);
            long period = Duration.between(started.startedAt(), now).toMillis() / qrTtl.toMillis();
            return period == started.period() ? started : new Session(started.startedAt(), period, newCode());
        });
        Instant issuedAt = session.startedAt().plus(qrTtl.multipliedBy(session.period()));
        return Optional.of(new QrCode(session.code(), issuedAt, issuedAt.plus(qrTtl)));
    }

    /**
     * A phone scans the instance's QR code: {@code code} (when given) must be the one shown now. The instance is
     * logged in; the caller reports it ({@code ConnectionUpdate open}).
     *
     * @throws IllegalStateException when there is nothing to scan, or the code is not the current one
     */
    public GoInstance scan(GoInstance instance, String code) {
        if (instance.connected()) {
            throw new IllegalStateException("instance " + instance.name() + " is already logged in");
        }
        Session session = sessions.get(instance.name());
        if (session == null || session.code() == null) {
            throw new IllegalStateException("instance " + instance.name() + " shows no QR code: ask it for one"
                    + " (POST /instance/connect, GET /instance/qr) first");
        }
        QrCode current = currentCode(instance).orElseThrow();
        if (code != null && !code.equals(current.code())) {
            throw new IllegalStateException("that QR code is not the one instance " + instance.name()
                    + " shows now (expired or never issued)");
        }
        sessions.remove(instance.name());
        GoInstance paired = new GoInstance(instance.name(), instance.token(), instance.phone(),
                instance.webhookUrl(), true);
        instances.put(paired);
        return paired;
    }

    /** Re-provisioning or logging out ends a pairing in progress. */
    public void forget(String instanceName) {
        sessions.remove(instanceName);
    }

    /** WhatsApp's pairing string shape: a reference, then three base64 keys. */
    private static String newCode() {
        Base64.Encoder base64 = Base64.getEncoder();
        return "2@" + base64.encodeToString(CallIds.randomBytes(24)) + ","
                + base64.encodeToString(CallIds.randomBytes(32)) + ","
                + base64.encodeToString(CallIds.randomBytes(32)) + ","
                + base64.encodeToString(CallIds.randomBytes(32));
    }
}
