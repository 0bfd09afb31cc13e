-- The operation a claimed Idempotency-Key stands for (op_<ULID>, made when the key is first claimed). The
-- command a call request sends takes its id (and a placement its call id) from it, so a retry that takes over a
-- claim abandoned by a crashed instance sends the same command again, which the signaling service recognises and
-- answers from what it stored instead of placing a second call (docs/decisions.md "Idempotent commands").
ALTER TABLE idempotency_keys ADD COLUMN operation_id TEXT;
