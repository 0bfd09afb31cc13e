package io.ringline.bench.campaign;

/** What the campaign does to the platform; each kind's target is a service, the broker, the database or the providers. */
enum FaultKind {
    /** {@code kill -9} of a service; the launcher's supervisor restarts it. */
    KILL,
    /** {@code kill -STOP} of a service past its consumer-session timeout, then {@code kill -CONT}. */
    PAUSE,
    /** The Kafka broker stopped (SIGTERM) and started again on the same log after a few seconds down. */
    BROKER_RESTART,
    /** PostgreSQL restarted ({@code pg_ctl restart -m fast}). */
    DATABASE_RESTART,
    /** Every provider API request held for seconds (sandbox {@code latencyMs}). */
    PROVIDER_SLOW,
    /** Every provider API request failing (sandbox {@code errorCode} 500). */
    PROVIDER_FAILING,
    /** The providers lose a share of their webhooks (sandbox {@code dropWebhooksPercent}). */
    WEBHOOKS_DROPPED
}
