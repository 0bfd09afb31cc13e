package io.ringline.sandbox.evogo.pairing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * QR pairing of simulated GO instances.
 *
 * @param qrTtl how long each QR code is valid before the instance shows the next one (WhatsApp rotates them
 *              about every 20 s)
 */
@ConfigurationProperties("sandbox.pairing")
record SimulatedPairingProperties(@DefaultValue("20s") Duration qrTtl) {
}
