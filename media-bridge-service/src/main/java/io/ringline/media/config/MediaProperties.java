package io.ringline.media.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param metricsRefresh        how often the live-call gauge is recomputed from the database
 * @param allowPrivateNetworks  development only: allows {@code http} media URLs and private/loopback addresses
 *                              (env RINGLINE_MEDIA_ALLOW_PRIVATE_NETWORKS)
 * @param publicWsUrl           base of the public realtime WebSocket URL handed to tenants; null means
 *                              {@code ws://localhost:<server port>}
 * @param publicPort            a second, public listener serving only the realtime WebSocket (env
 *                              RINGLINE_MEDIA_PUBLIC_PORT; 0 = any free port); null means one port for everything
 * @param download              limits of the {@code /play} media download
 * @param providerTimeout       longest wait for Evolution GO to answer a media request
 * @param sessionTokenTtl       how long a realtime session token may be used to connect
 * @param providerLimits        per number: requests to its Evolution GO running at once, waiting, and how long a
 *                              waiter waits; beyond that {@code 503 PROVIDER_BUSY}
 * @param liveCalls             how the live-call table's consumer fetches {@code call-events}
 */
@ConfigurationProperties("ringline.media")
public record MediaProperties(
        @DefaultValue("5s") Duration metricsRefresh,
        @DefaultValue("false") boolean allowPrivateNetworks,
        URI publicWsUrl,
        Integer publicPort,
        @DefaultValue Download download,
        @DefaultValue("10s") Duration providerTimeout,
        @DefaultValue("120s") Duration sessionTokenTtl,
        @DefaultValue ProviderLimits providerLimits,
        @DefaultValue LiveCalls liveCalls) {

    /** Per number: at most {@code concurrency} GO media requests at once, {@code waiting} more for {@code maxWait}. */
    public record ProviderLimits(
            @DefaultValue("8") int concurrency,
            @DefaultValue("16") int waiting,
            @DefaultValue("2s") Duration maxWait) {
    }

    /**
     * The live-call table's consumer (not the realtime sessions' notices, which are read without delay): a fetch
     * returns once {@code fetchMinSize} of events is there or {@code fetchMaxWait} has passed, so events arriving a
     * few at a time are applied a poll at a time — one fetch and one transaction for many — instead of one each. The
     * table (an operator's list and gauge, itself refreshed every {@code metrics-refresh}) lags by at most the wait;
     * an idle consumer fetches as often as Kafka's default wait (500 ms) has it.
     *
     * @param fetchMinSize  Kafka's {@code fetch.min.bytes} for this consumer
     * @param fetchMaxWait  Kafka's {@code fetch.max.wait.ms} for this consumer
     */
    public record LiveCalls(@DefaultValue("64KB") DataSize fetchMinSize, @DefaultValue("500ms") Duration fetchMaxWait) {
    }

    /**
     * @param maxSize largest file accepted
     * @param timeout connect and response timeout of the download
     */
    public record Download(@DefaultValue("10MB") DataSize maxSize, @DefaultValue("10s") Duration timeout) {
    }
}
