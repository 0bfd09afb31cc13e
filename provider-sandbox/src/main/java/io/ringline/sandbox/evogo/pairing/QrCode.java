package io.ringline.sandbox.evogo.pairing;

import java.time.Instant;

/** One QR code of a pairing: what a phone would scan ({@code code}, WhatsApp's pairing string) and its lifetime. */
public record QrCode(String code, Instant issuedAt, Instant expiresAt) {
}
