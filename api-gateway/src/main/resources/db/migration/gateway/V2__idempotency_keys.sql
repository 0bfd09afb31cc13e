-- Idempotency-Key on POST (SPEC §2): the first response to (API key, Idempotency-Key) is kept for 24 h and
-- replayed to retries with the same request; a row without status is a request still being processed.
CREATE TABLE idempotency_keys (
    api_key_id      TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    request_hash    TEXT        NOT NULL,
    status          INT,
    content_type    TEXT,
    response_body   BYTEA,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at    TIMESTAMPTZ,
    PRIMARY KEY (api_key_id, idempotency_key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);
