package io.ringline.fanout.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Operator settings of the fan-out service.
 *
 * @param allowPrivateNetworks development switch: allow plain http and loopback/private destinations
 * @param delivery             how deliveries are attempted and retried
 * @param metricsRefresh       how often the backlog gauges are recomputed from the database
 * @param secretRotationGrace  how long a rotated-out secret keeps signing next to the new one (SPEC §4: 24 h)
 * @param replay               what is kept for replays and how far a replay may reach
 */
@ConfigurationProperties("ringline.fanout")
public record FanoutProperties(
        @DefaultValue("false") boolean allowPrivateNetworks,
        @DefaultValue Delivery delivery,
        @DefaultValue("5s") Duration metricsRefresh,
        @DefaultValue("24h") Duration secretRotationGrace,
        @DefaultValue Replay replay) {

    /**
     * @param retention how long every event's payload is kept so it can be replayed; older events are pruned
     *                  by the retention job
     * @param maxRange  longest {@code since..until} window one replay request may cover
     * @param maxEvents most events of the tenant one replay window may hold (all numbers and events, before the
     *                  subscription's filters); a fuller window is refused, to be replayed in narrower parts
     * @param batchSize events re-queued per transaction while a replay runs
     */
    public record Replay(
            @DefaultValue("7d") Duration retention,
            @DefaultValue("7d") Duration maxRange,
            @DefaultValue("5000") int maxEvents,
            @DefaultValue("500") int batchSize) {

        public Replay {
            if (maxEvents < 1 || batchSize < 1) {
                throw new IllegalArgumentException("ringline.fanout.replay.max-events and batch-size must be positive");
            }
        }
    }

    /**
     * @param timeout                connect + response + body budget of one attempt (success = 2xx within it)
     * @param retrySchedule          pause before each retry after a failed attempt; its length bounds the retries
     * @param jitter                 ± fraction applied to each pause so failing endpoints are not hit in waves
     * @param maxRetryAfter          cap on a receiver's Retry-After, so a typo cannot park a delivery for a year
     * @param disableAfterFailingFor an endpoint failing without a single success for this long is disabled
     * @param lease                  how long a claimed delivery stays invisible to other instances
     * @param pollInterval           longest a due delivery waits when nothing woke the dispatcher
     * @param batchSize              deliveries claimed per poll
     * @param maxInFlight            attempts running at once in this instance
     * @param maxInFlightPerEndpoint attempts running at once per subscription, so a slow endpoint cannot take all
     * @param maxResponseBytes       bytes of a receiver's response body read (and kept as the excerpt)
     * @param maxInFlightPerHost     attempts running at once per destination host, across subscriptions and tenants
     * @param recordBatchSize        most finished attempts recorded in one transaction (attempt log, delivery
     *                               states, endpoint health); attempts finishing while a batch is written wait for
     *                               the next one, so at low load each is recorded at once
     * @param launchCreated          deliveries a call-events poll creates are leased in the poll's own transaction
     *                               and sent by this instance at once, when it has free slots for them and their
     *                               endpoint has nothing due waiting — no claim round for them (false: every
     *                               delivery waits in the queue for a claim, as before 2026-12-07)
     */
    public record Delivery(
            @DefaultValue("15s") Duration timeout,
            @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> retrySchedule,
            @DefaultValue("0.2") double jitter,
            @DefaultValue("24h") Duration maxRetryAfter,
            @DefaultValue("5d") Duration disableAfterFailingFor,
            @DefaultValue("60s") Duration lease,
            @DefaultValue("500ms") Duration pollInterval,
            @DefaultValue("50") int batchSize,
            @DefaultValue("64") int maxInFlight,
            @DefaultValue("4") int maxInFlightPerEndpoint,
            @DefaultValue("4KB") DataSize maxResponseBytes,
            @DefaultValue("16") int maxInFlightPerHost,
            @DefaultValue("64") int recordBatchSize,
            @DefaultValue("true") boolean launchCreated) {

        public Delivery {
            retrySchedule = List.copyOf(retrySchedule);
            if (jitter < 0 || jitter >= 1) {
                throw new IllegalArgumentException("ringline.fanout.delivery.jitter must be in [0, 1)");
            }
            if (lease.compareTo(timeout.plusSeconds(5)) < 0) {
                throw new IllegalArgumentException("ringline.fanout.delivery.lease must exceed the timeout by 5 s or more");
            }
            if (maxInFlight < 1 || maxInFlightPerEndpoint < 1 || maxInFlightPerHost < 1 || batchSize < 1
                    || recordBatchSize < 1) {
                throw new IllegalArgumentException("ringline.fanout.delivery concurrency and batch sizes must be positive");
            }
        }
    }
}
