-- Webhook subscriptions, the deliveries fanned out to them, and the log of every attempt.

CREATE TABLE subscription (
    id               TEXT        PRIMARY KEY,              -- wh_<ULID>
    tenant_id        TEXT        NOT NULL,
    name             TEXT,
    url              TEXT        NOT NULL,
    events           TEXT[]      NOT NULL,                 -- wire names or '*'; empty selects nothing
    number_ids       TEXT[]      NOT NULL DEFAULT '{}',    -- empty: every number of the tenant
    active           BOOLEAN     NOT NULL,
    secret_encrypted TEXT        NOT NULL,                 -- SecretBox envelope of whsec_…; never returned
    disabled_reason  TEXT,                                 -- GONE | FAILING | BY_TENANT while inactive
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    last_triggered   TIMESTAMPTZ,
    failing_since    TIMESTAMPTZ,                          -- start of the current run of failed attempts
    version          BIGINT      NOT NULL
);
CREATE INDEX subscription_by_tenant ON subscription (tenant_id, created_at);

-- One event on its way to one subscription. The payload is rendered once and sent byte-identical on
-- every retry. A row is claimed by setting locked_until/lease_token (SELECT … FOR UPDATE SKIP LOCKED).
CREATE TABLE delivery (
    id               TEXT        PRIMARY KEY,              -- dlv_<ULID>
    subscription_id  TEXT        NOT NULL REFERENCES subscription (id) ON DELETE CASCADE,
    tenant_id        TEXT        NOT NULL,
    event_id         TEXT        NOT NULL,                 -- = webhook-id header
    event            TEXT        NOT NULL,
    payload          TEXT        NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED', 'CANCELLED')),
    attempts         INT         NOT NULL,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    locked_until     TIMESTAMPTZ,
    lease_token      TEXT,
    last_status_code INT,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    completed_at     TIMESTAMPTZ,
    UNIQUE (event_id, subscription_id)
);
-- The dispatcher's per-endpoint probe and the backlog gauges only ever look at pending rows.
CREATE INDEX delivery_pending_by_subscription ON delivery (subscription_id, next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_pending_due ON delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_by_subscription ON delivery (subscription_id, created_at);

CREATE TABLE delivery_attempts (
    id               BIGSERIAL   PRIMARY KEY,
    delivery_id      TEXT        NOT NULL REFERENCES delivery (id) ON DELETE CASCADE,
    attempt          INT         NOT NULL,
    attempted_at     TIMESTAMPTZ NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('SUCCESS', 'FAILED')),
    status_code      INT,
    duration_ms      INT         NOT NULL,
    response_excerpt TEXT,
    error            TEXT
);
CREATE INDEX delivery_attempts_by_delivery ON delivery_attempts (delivery_id, attempt);
