-- Shared by every service, created in the service's own schema (Flyway runs these before the
-- service's V1+ migrations).

-- Transactional outbox: rows are written in the same transaction as the state change that caused
-- them and published to Kafka, in id order, by the relay; deleted once the broker acknowledged them.
CREATE TABLE outbox (
    id         BIGSERIAL   PRIMARY KEY,
    topic      TEXT        NOT NULL,
    msg_key    TEXT        NOT NULL,
    payload    BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Idempotent consumers: a message id is recorded in the same transaction as its effect, so a
-- redelivered message is recognised and changes nothing.
CREATE TABLE processed_messages (
    consumer     TEXT        NOT NULL,
    message_id   TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);
CREATE INDEX processed_messages_age ON processed_messages (processed_at);
