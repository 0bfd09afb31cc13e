-- Retention (docs/security.md "Data retention"). Only ended calls are in these indexes: a call in progress has no
-- ended_at and is never pruned. The SDP index holds only calls that still carry an SDP, so it stays as small as
-- the calls of the last ringline.signaling.retention.sdp.
CREATE INDEX calls_ended_age ON calls (ended_at) WHERE status IN ('COMPLETED', 'REJECTED', 'FAILED', 'MISSED');
CREATE INDEX calls_with_sdp ON calls (ended_at) WHERE sdp_offer IS NOT NULL OR sdp_answer IS NOT NULL;
-- A pruned call takes its failed-command answers with it.
CREATE INDEX command_failures_by_call ON command_failures (call_id);
