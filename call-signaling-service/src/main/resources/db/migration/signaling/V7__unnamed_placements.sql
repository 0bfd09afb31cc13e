-- Calls the provider never named (external_call_id NULL) are business-initiated places in flight or that failed
-- before the provider named them (refused, busy, timed out). A webhook naming an unknown call to a user is matched against the number's recent ones to that
-- user (docs/webhooks.md "A place that timed out"): bounded by number, user and age, whatever the call history.
CREATE INDEX calls_unnamed_by_peer ON calls (number_id, peer_number, created_at DESC) WHERE external_call_id IS NULL;
