-- Number-level events (call.permission_updated, the raw `calls` event) are numbered per number: one counter row per
-- number, bumped in the transaction that writes the event's outbox record, so the sequence has no gaps and costs
-- one row update whatever the number's history (docs/webhooks.md "sequence").
CREATE TABLE number_event_sequences (
    number_id     TEXT   PRIMARY KEY,
    last_sequence BIGINT NOT NULL
);
