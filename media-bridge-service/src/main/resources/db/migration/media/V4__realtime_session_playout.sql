-- Each session token carries the playout chosen when the session was created (buffered or live). Tokens minted
-- before this keep the only playout there was: buffered.
ALTER TABLE realtime_session_tokens
    ADD COLUMN playout TEXT NOT NULL DEFAULT 'BUFFERED';
