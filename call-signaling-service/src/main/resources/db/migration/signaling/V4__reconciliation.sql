-- Reconciliation (docs/webhooks.md "Reconciliation"): when the scan last claimed a call to ask its provider about
-- it. A call's last word is GREATEST(updated_at, checked_at) (GREATEST skips NULL): a signal, command or timer
-- that changed it, or the last check.
ALTER TABLE calls ADD COLUMN checked_at TIMESTAMPTZ;

-- Only calls in progress, by status and last word: the scan's cost follows the calls in progress, never the
-- history of ended calls.
CREATE INDEX calls_by_last_word ON calls (status, (GREATEST(updated_at, checked_at)))
    WHERE status IN ('INITIATED', 'RINGING', 'ACCEPTED');
