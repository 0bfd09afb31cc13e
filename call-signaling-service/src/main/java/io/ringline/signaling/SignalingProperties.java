package io.ringline.signaling;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the signaling service treats providers and time.
 *
 * @param providerTimeout        longest wait for one provider request; past it the call fails (504)
 * @param providerMaxConcurrency provider requests in flight at once (further ones queue)
 * @param ringTimeout            an outbound call not answered within this fails with NO_ANSWER
 * @param acceptWindow           an inbound call not answered within this is MISSED
 * @param initiatedGrace         added to the provider timeout before an INITIATED call the provider never
 *                               named is failed (the service stopped between storing it and asking)
 * @param sweepInterval          how often the timers above are checked
 * @param parkedSignalRetention  a signal for a call id that never appears is dropped after this
 * @param failedCommandRetention the answer of a failed command is kept this long for redeliveries (as long as
 *                               platform-kit keeps processed ids: {@code ringline.processed-messages.retention});
 *                               both are pruned by the retention job ({@code ringline.retention.*})
 */
@ConfigurationProperties("ringline.signaling")
public record SignalingProperties(
        @DefaultValue("5s") Duration providerTimeout,
        @DefaultValue("64") int providerMaxConcurrency,
        @DefaultValue("90s") Duration ringTimeout,
        @DefaultValue("60s") Duration acceptWindow,
        @DefaultValue("10s") Duration initiatedGrace,
        @DefaultValue("5s") Duration sweepInterval,
        @DefaultValue("1h") Duration parkedSignalRetention,
        @DefaultValue("7d") Duration failedCommandRetention) {
}
