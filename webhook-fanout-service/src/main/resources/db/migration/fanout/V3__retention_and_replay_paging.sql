-- Retention (docs/security.md "Data retention"): finished deliveries and logged attempts are pruned by age.
-- Pending deliveries are never in these indexes' way: the claim reads only delivery_pending_by_subscription
-- (partial, status = 'PENDING'), so its cost does not grow with the delivery history.
CREATE INDEX delivery_finished_age ON delivery (completed_at) WHERE status <> 'PENDING';
CREATE INDEX delivery_attempts_age ON delivery_attempts (attempted_at);

-- Replays page through a tenant's events by (created_at, event_id): one index range per batch.
CREATE INDEX event_log_by_tenant_page ON event_log (tenant_id, created_at, event_id);
DROP INDEX event_log_by_tenant;
