package io.ringline.signaling.call.persistence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long ended calls keep what they hold (docs/security.md "Data retention").
 *
 * @param calls an ended call (peer phone number, times, billing) is deleted this long after it ended, with its
 *              failed-command answers; a call in progress is never deleted
 * @param sdp   an ended call's SDP offer and answer (network addresses, ICE credentials, fingerprints) are dropped
 *              this long after it ended; the call itself stays
 */
@ConfigurationProperties("ringline.signaling.retention")
record CallRetentionProperties(
        @DefaultValue("90d") Duration calls,
        @DefaultValue("24h") Duration sdp) {
}
