-- Single-use tokens of public realtime sessions. Only the token's sha-256 is stored; the upstream
-- (Evolution GO) URL carries GO's own token, so it is kept sealed with SecretBox.
CREATE TABLE realtime_session_tokens (
    token_hash       TEXT        PRIMARY KEY,
    call_id          TEXT        NOT NULL,
    number_id        TEXT        NOT NULL,
    mode             TEXT        NOT NULL,
    sealed_upstream  TEXT        NOT NULL,
    expires_at       TIMESTAMPTZ NOT NULL,
    used_at          TIMESTAMPTZ
);
CREATE INDEX realtime_session_tokens_by_expiry ON realtime_session_tokens (expires_at);
