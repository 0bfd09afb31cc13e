package io.ringline.gateway.pairing;

/** Where an EVO_GO number stands with WhatsApp, as {@code GET /v1/numbers/{id}/pairing} shows it. */
enum PairingState {
    /** Not logged in; a QR code is (or is about to be) shown to scan. */
    PAIRING,
    /** The instance is logged in and connected: calls can flow. */
    CONNECTED,
    /** Not connected, and GO could not offer a QR code right now (its message says why). */
    DISCONNECTED
}
