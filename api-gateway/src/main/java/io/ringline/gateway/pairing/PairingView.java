package io.ringline.gateway.pairing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The pairing answer: {@code {state, qr?: {payload, imagePng, expiresAt}, providerMessage?}}.
 *
 * @param providerMessage what GO said when it could not offer a QR code (capped); DISCONNECTED only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PairingView(PairingState state, Qr qr, String providerMessage) {

    /**
     * @param payload   what the phone scans (WhatsApp's pairing string, as GO gave it)
     * @param imagePng  the QR code of {@code payload} as a PNG, base64; rendered by Ringline
     * @param expiresAt when GO will have replaced this code (fetch again before)
     */
    public record Qr(String payload, String imagePng, Instant expiresAt) {
    }

    static PairingView connected() {
        return new PairingView(PairingState.CONNECTED, null, null);
    }
}
