-- Deliveries in flight get a queue table of their own; delivery becomes the history (docs/decisions.md "A queue table
-- beside the delivery history").
--
-- Until now delivery was both: every delivery was leased (an update) and finished (a non-HOT update: status is in the
-- pending index's predicate, completed_at in the retention index), so each left dead index entries in every index of a
-- table that keeps weeks of history, and V5's fixed autovacuum trigger then read those indexes whole every ~1,700
-- calls — with 3 million stored deliveries, ~23 index blocks per call from outside the buffers (docs/performance.md
-- "Seeded history after the step"): cost that grew with the history.
--
-- Now a delivery's row is inserted once and its state (status, attempts, last response, next_attempt_at) updated in
-- place; no index covers a column that changes, and fillfactor leaves room on each page, so those updates are HOT:
-- no new index entries, the old versions pruned page by page without VACUUM. Claiming, leasing and the due time live in
-- delivery_queue — a row per pending delivery, deleted when it finishes — small whatever the history, so its churn and
-- its vacuum cost follow the work in flight.
CREATE TABLE delivery_queue (
    delivery_id     TEXT        PRIMARY KEY REFERENCES delivery (id) ON DELETE CASCADE,
    subscription_id TEXT        NOT NULL,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    locked_until    TIMESTAMPTZ,
    lease_token     TEXT
);
INSERT INTO delivery_queue (delivery_id, subscription_id, next_attempt_at, locked_until, lease_token)
SELECT id, subscription_id, next_attempt_at, locked_until, lease_token FROM delivery WHERE status = 'PENDING';
-- The claim's loose index scan (subscriptions with work) and its per-subscription due order, as V5's partial index did.
CREATE INDEX delivery_queue_by_subscription ON delivery_queue (subscription_id, next_attempt_at, delivery_id);
-- No column statistics for the claim's keys. A queue's contents turn over between two ANALYZEs: statistics taken while
-- a few rows of other subscriptions were queued made the planner expect almost nothing after any subscription id,
-- and it answered each step of the loose scan with a bitmap scan and sort of every row after it — pending rows x
-- subscriptions per claim, exactly when a backlog builds (DeliveryClaimReadsIntegrationTest). Without a histogram
-- the planner uses its fixed selectivities (a third of the rows for a range, 0.5 % for a key) on the table's current
-- size, for which the index in order, stopping at the LIMIT, is always the cheaper plan.
ALTER TABLE delivery_queue ALTER COLUMN subscription_id SET STATISTICS 0;
ALTER TABLE delivery_queue ALTER COLUMN next_attempt_at SET STATISTICS 0;

DROP INDEX delivery_pending_by_subscription;
-- Retention now ages finished deliveries by created_at, a column that never changes (completed_at does, at the end).
DROP INDEX delivery_finished_age;
CREATE INDEX delivery_by_age ON delivery (created_at);
ALTER TABLE delivery DROP COLUMN locked_until;
ALTER TABLE delivery DROP COLUMN lease_token;

-- A HOT update needs room for the new version on the row's own page, and the worst case is the common one: a batch of
-- outcomes (AttemptCompletion) finishes in one transaction every delivery of pages inserted moments apart, before any
-- old version can be pruned. So pages are filled to half (fillfactor), leaving each row room for one more version,
-- and the payload — the bulk of a row, never updated — is moved to the TOAST table (toast_tuple_target: compressed and
-- stored out of line once a row exceeds 128 bytes), so the halved pages hold small rows and the payload is stored once.
-- Retries of a failing delivery come minutes apart; by then the page has been pruned. New rows only; existing rows
-- stay where they are. DeliveryHistoryUpdatesIntegrationTest counts the updates that were HOT.
ALTER TABLE delivery SET (fillfactor = 50, toast_tuple_target = 128);
-- V5's fixed triggers kept a queue's partial index clean; a history with HOT updates has no dead index entries for
-- autovacuum to chase, so PostgreSQL's defaults (a share of the table) apply again.
ALTER TABLE delivery RESET (
    autovacuum_vacuum_scale_factor,
    autovacuum_vacuum_threshold,
    autovacuum_vacuum_insert_scale_factor,
    autovacuum_vacuum_insert_threshold,
    autovacuum_analyze_scale_factor,
    autovacuum_analyze_threshold);
