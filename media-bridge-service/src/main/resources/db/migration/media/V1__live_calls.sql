-- EVO_GO calls whose audio the bridge can reach right now: inserted on CALL_CONNECTED, deleted on
-- CALL_ENDED / CALL_MISSED (both consumed from call-events).
CREATE TABLE live_calls (
    call_id          TEXT        PRIMARY KEY,
    number_id        TEXT        NOT NULL,
    tenant_id        TEXT        NOT NULL,
    provider         TEXT        NOT NULL,
    external_call_id TEXT,
    peer_number      TEXT        NOT NULL,
    connected_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX live_calls_by_number ON live_calls (number_id, connected_at);
