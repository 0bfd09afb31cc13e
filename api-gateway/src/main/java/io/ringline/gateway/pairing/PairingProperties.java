package io.ringline.gateway.pairing;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * QR pairing of Evolution GO numbers through their GO instance.
 *
 * @param timeout              longest wait for each GO request
 * @param publicUrl            Ringline's public base URL, from which the webhook URL handed to GO is made
 *                             ({@code <publicUrl>/webhooks/evolution-go}); unset, the pairing request's own scheme,
 *                             host and port are used. Env RINGLINE_PUBLIC_URL.
 * @param qrTtl                how long a QR code is shown before GO replaces it (WhatsApp: about 20 s); the pairing
 *                             answer's {@code qr.expiresAt} counts from when Ringline first saw the code
 * @param reconnectAfter       {@code POST /instance/connect} is sent at most this often per number while pairing
 */
@ConfigurationProperties("ringline.gateway.pairing")
record PairingProperties(
        @DefaultValue("10s") Duration timeout,
        URI publicUrl,
        @DefaultValue("20s") Duration qrTtl,
        @DefaultValue("60s") Duration reconnectAfter) {
}
