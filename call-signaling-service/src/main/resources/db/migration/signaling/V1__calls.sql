-- Calls and what keeps them consistent. Timestamps are set by the service's clock, not now(), so the
-- timers that compare them and the tests that drive those timers agree on what "now" is.

CREATE TABLE calls (
    id                       TEXT        PRIMARY KEY,
    number_id                TEXT        NOT NULL,
    tenant_id                TEXT        NOT NULL,
    provider                 TEXT        NOT NULL,
    direction                TEXT        NOT NULL,
    status                   TEXT        NOT NULL,
    end_reason               TEXT,
    external_call_id         TEXT,
    peer_number              TEXT        NOT NULL,
    peer_ref                 TEXT,
    duration_seconds         INT,
    biz_opaque_callback_data TEXT,
    sdp_offer                TEXT,
    sdp_answer               TEXT,
    started_at               TIMESTAMPTZ,
    connected_at             TIMESTAMPTZ,
    ended_at                 TIMESTAMPTZ,
    created_at               TIMESTAMPTZ NOT NULL,
    updated_at               TIMESTAMPTZ NOT NULL,
    -- sequence of the last event the call produced; the next event gets event_sequence + 1
    event_sequence           BIGINT      NOT NULL DEFAULT 0,
    -- optimistic lock: every update checks and bumps it
    version                  BIGINT      NOT NULL DEFAULT 0
);
-- A provider's call id names one call of one number (ids of different GO instances may collide).
CREATE UNIQUE INDEX calls_by_external_id ON calls (number_id, external_call_id) WHERE external_call_id IS NOT NULL;
-- Paging: newest first, ties on created_at broken by id.
CREATE INDEX calls_by_number_newest ON calls (number_id, created_at DESC, id DESC);
-- The timeout sweeper only looks at calls still in progress.
CREATE INDEX calls_in_progress ON calls (created_at) WHERE status IN ('INITIATED', 'RINGING', 'ACCEPTED');

-- Provider signals for a call id this service does not know yet (a ringing that overtook the answer
-- to /call/start, a terminate before its offer). Applied in arrival order when the id appears.
CREATE TABLE pending_signals (
    seq              BIGSERIAL   PRIMARY KEY,
    number_id        TEXT        NOT NULL,
    external_call_id TEXT        NOT NULL,
    signal_id        TEXT        NOT NULL,
    kind             TEXT        NOT NULL,
    payload_json     TEXT        NOT NULL,
    received_at      TIMESTAMPTZ NOT NULL,
    parked_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX pending_signals_by_call ON pending_signals (number_id, external_call_id, seq);
CREATE INDEX pending_signals_by_age ON pending_signals (parked_at);

-- Commands that failed, so a redelivered command gets the same error again without being re-executed
-- (successful commands are answered from the call itself).
CREATE TABLE command_failures (
    command_id   TEXT        PRIMARY KEY,
    call_id      TEXT        NOT NULL,
    http_status  INT         NOT NULL,
    code         TEXT        NOT NULL,
    message      TEXT        NOT NULL,
    details_json TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX command_failures_by_age ON command_failures (created_at);

-- Replica of the gateway's numbers (newest version wins), for work started by timers.
CREATE TABLE numbers (
    number_id             TEXT        PRIMARY KEY,
    tenant_id             TEXT        NOT NULL,
    provider              TEXT        NOT NULL,
    phone                 TEXT        NOT NULL,
    base_url              TEXT        NOT NULL,
    account_id            TEXT        NOT NULL,
    encrypted_credentials TEXT        NOT NULL,
    version               BIGINT      NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Last reported connection state of each EVO_GO instance (open | close).
CREATE TABLE number_connection (
    number_id   TEXT        PRIMARY KEY,
    state       TEXT        NOT NULL,
    observed_at TIMESTAMPTZ NOT NULL
);
