-- The claim (DeliveryRepository.CLAIM) reads, per active subscription, its pending due rows in (next_attempt_at, id)
-- order. With delivery_pending_due (next_attempt_at) beside delivery_pending_by_subscription (subscription_id,
-- next_attempt_at), the planner could take either; under statistics that say nothing is pending — every database
-- whose history dwarfs its queue, e.g. the seeded-history benchmark — it took delivery_pending_due and walked every
-- subscription's due rows once per subscription: rows read = pending x subscriptions per claim (docs/performance.md
-- "Seeded history"). The per-subscription index now carries the claim's whole order, so its scan needs no sort and
-- stops at the subscription's free slots; the global one goes (the backlog gauge reads the same pending rows through
-- this index), one index fewer for every pending insert and update to maintain.
DROP INDEX delivery_pending_due;
DROP INDEX delivery_pending_by_subscription;
CREATE INDEX delivery_pending_by_subscription ON delivery (subscription_id, next_attempt_at, id) WHERE status = 'PENDING';

-- delivery is a queue inside a history table: each row is inserted PENDING, leased (updated) and finished (updated,
-- non-HOT: status is in the partial index's predicate), leaving a dead entry in delivery_pending_by_subscription that
-- claims step over until VACUUM removes it (DeliveryQueueVacuumIntegrationTest: 20,000 of them took one claim from 38
-- to 1,200 buffers, 317 once the first scan had marked them dead, 44 after VACUUM). Autovacuum's default trigger
-- (50 rows + 20 % of the table) waits for ~600,000 dead rows on a table of 3 million, so that cost would grow with the
-- history; a fixed trigger bounds it whatever the history. Such a vacuum finds its dead rows in the recently written
-- pages (the visibility map lets it skip the rest of the heap). Statistics are refreshed after a fixed number of
-- changes too, so the planner keeps seeing the queue and not only the history. docs/decisions.md has the trade-off
-- (and when a queue table of its own becomes the better design).
ALTER TABLE delivery SET (
    autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 10000,
    autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 50000,
    autovacuum_analyze_scale_factor = 0,
    autovacuum_analyze_threshold = 50000);
