package io.ringline.signaling;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the signaling service treats providers and time.
 *
 * @param providerTimeout        longest wait for one provider request; past it the call fails (504)
 * @param lateAnswerWindow       a place the provider has not answered within {@code providerTimeout} is still listened
 *                               to for this much longer: the provider may have created the call, and the id it
 *                               names late is recorded on the failed call and hung up at the provider
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
 * @param allowPrivateNetworks   development only: provider base URLs may lead to loopback/private addresses
 *                               (env RINGLINE_SIGNALING_ALLOW_PRIVATE_NETWORKS); off, every provider request
 *                               goes through platform-kit's address guard
 * @param providerLimits         per-number bound on provider requests in flight and waiting
 * @param commandsInFlight       commands whose provider part runs detached from the Kafka batch at once (all
 *                               tenants together); when reached, the consumer waits (back-pressure)
 * @param commandsInFlightPerTenant the share of {@code commandsInFlight} one tenant may hold; a tenant's command
 *                               beyond it is answered {@code 503 PROVIDER_BUSY} at once, so no tenant can
 *                               fill the global cap
 * @param numberWait             how long a command naming a number revision this service has not replicated yet
 *                               (the numbers topic is behind) waits for it; then it is refused
 *                               {@code 503 NUMBER_NOT_READY}, retryable
 * @param commandDeadline        how long the sender of a command waits for its reply
 *                               ({@code ringline.gateway.command-timeout}; keep them equal): a command is started only
 *                               while a provider slot, the provider and the reply still fit before it, i.e. within
 *                               {@code command-deadline - provider-timeout - provider-limits.max-wait - 1s} of its
 *                               {@code issuedAt} (2 s by default); a later one is answered {@code 503
 *                               SERVICE_UNAVAILABLE} and never carried out (docs/reliability.md "Commands")
 */
@ConfigurationProperties("ringline.signaling")
public record SignalingProperties(
        @DefaultValue("5s") Duration providerTimeout,
        @DefaultValue("30s") Duration lateAnswerWindow,
        @DefaultValue("64") int providerMaxConcurrency,
        @DefaultValue("90s") Duration ringTimeout,
        @DefaultValue("60s") Duration acceptWindow,
        @DefaultValue("10s") Duration initiatedGrace,
        @DefaultValue("5s") Duration sweepInterval,
        @DefaultValue("1h") Duration parkedSignalRetention,
        @DefaultValue("7d") Duration failedCommandRetention,
        @DefaultValue("false") boolean allowPrivateNetworks,
        @DefaultValue ProviderLimits providerLimits,
        @DefaultValue("1024") int commandsInFlight,
        @DefaultValue("128") int commandsInFlightPerTenant,
        @DefaultValue("5s") Duration numberWait,
        @DefaultValue("10s") Duration commandDeadline) {

    public SignalingProperties {
        if (commandsInFlight < 1 || commandsInFlightPerTenant < 1) {
            throw new IllegalArgumentException("ringline.signaling.commands-in-flight(-per-tenant) must be positive");
        }
        if (!commandDeadline.minus(providerTimeout).minus(providerLimits.maxWait()).minusSeconds(1).isPositive()) {
            throw new IllegalArgumentException("ringline.signaling.command-deadline (" + commandDeadline + ") must "
                    + "exceed provider-timeout + provider-limits.max-wait + 1s, or no command could ever start");
        }
    }

    /**
     * Per business number: at most {@code concurrency} provider requests at once, {@code waiting} more wait
     * their turn for at most {@code maxWait}; beyond that a request is refused with {@code 503 PROVIDER_BUSY}.
     */
    public record ProviderLimits(
            @DefaultValue("8") int concurrency,
            @DefaultValue("16") int waiting,
            @DefaultValue("2s") Duration maxWait) {
    }
}
