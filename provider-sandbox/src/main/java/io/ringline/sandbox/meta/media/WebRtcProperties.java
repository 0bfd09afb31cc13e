package io.ringline.sandbox.meta.media;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulated WhatsApp user's WebRTC phone on META calls.
 *
 * @param enabled              false: every META call gets a synthetic SDP nothing listens on (no native library)
 * @param maxPeers             live peers at most; calls beyond get the synthetic SDP, so a load test cannot make
 *                             the sandbox its bottleneck
 * @param toneHz               the tone the user sends once the call is answered
 * @param localCandidatesOnly  drop the business's ICE candidates that are not addresses of this host before
 *                             connecting: the simulated phone never sends a packet off the machine
 * @param setupTimeout         longest wait for an offer or answer with all candidates gathered
 */
@ConfigurationProperties("sandbox.webrtc")
record WebRtcProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("20") int maxPeers,
        @DefaultValue("440") int toneHz,
        @DefaultValue("true") boolean localCandidatesOnly,
        @DefaultValue("5s") Duration setupTimeout) {
}
