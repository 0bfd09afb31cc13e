-- Reconciliation of lost offers (docs/webhooks.md "Reconciliation"): a signal parked because its call never
-- appeared (the provider's offer was lost) is looked up at the provider once it has waited parked-signal-age.
-- silent_since: since when nothing was learnt about the signal's call — parked_at, then each claim by the scan (so
-- a call GO could not tell about is asked again after another parked-signal-age). NULL once the scan had its
-- answer (GO does not know the call, it is not an incoming call, or nothing can be asked): the row then waits for
-- retention only. (V5 is left to another change in flight.)
ALTER TABLE pending_signals ADD COLUMN silent_since TIMESTAMPTZ;
UPDATE pending_signals SET silent_since = parked_at;

-- Only the rows still to be checked: the scan's cost follows them, never the signals already judged.
CREATE INDEX pending_signals_to_check ON pending_signals (silent_since) WHERE silent_since IS NOT NULL;
