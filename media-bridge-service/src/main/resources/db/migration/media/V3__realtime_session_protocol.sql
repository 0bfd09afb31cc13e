-- Protocol 2: each session token carries the format, framing and dialect chosen when the session was created,
-- and GO's CallID (named by the Evolution GO dialect's start message). Existing rows keep protocol 1's shape.
ALTER TABLE realtime_session_tokens
    ADD COLUMN external_call_id TEXT NOT NULL DEFAULT '',
    ADD COLUMN format           TEXT NOT NULL DEFAULT 'PCM16_16K',
    ADD COLUMN framing          TEXT NOT NULL DEFAULT 'BINARY',
    ADD COLUMN dialect          TEXT NOT NULL DEFAULT 'RINGLINE';
