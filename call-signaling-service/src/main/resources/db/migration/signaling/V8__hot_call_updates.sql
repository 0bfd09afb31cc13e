-- A call's updates can be HOT (docs/performance.md "Hot path step: a call's updates in place"). PostgreSQL updates a
-- row in place — no new entry in any index — only when no indexed column (key, expression or partial-index
-- predicate) changes and its page has room. Every update of a call changes status and updated_at, and both were in
-- indexes (V1 calls_in_progress, V2 calls_ended_age by status; V4 calls_by_last_word on both), so each of a call's
-- four updates added an entry to every index of calls, whose cost grows with the calls stored.
--
-- "In progress" is now "no ended_at": a call gets ended_at exactly when it reaches a terminal status (Call.end) and
-- never before, so ringing and answering change no indexed column. The queries keep their status conditions too,
-- so a row that broke that rule could only make an index larger, never a query wrong.
DROP INDEX calls_in_progress;
DROP INDEX calls_by_last_word;
DROP INDEX calls_ended_age;

-- The timeout sweepers, the reconciliation scan and the in-progress gauge read only calls in progress: their cost
-- follows those calls, never the history of ended ones. (The scan now orders the calls of one status by their
-- last word itself instead of walking an index on it: the price of that index was every update.)
CREATE INDEX calls_in_progress ON calls (created_at) WHERE ended_at IS NULL;
-- Retention: only ended calls, oldest first (ended_at changes once, in the update that ends the call).
CREATE INDEX calls_ended_age ON calls (ended_at) WHERE ended_at IS NOT NULL;

-- Room on each page for a call's next versions, as the fan-out's delivery_queue (V7): a HOT update needs its page
-- to have space, and a call is updated a few times within seconds of its insert.
ALTER TABLE calls SET (fillfactor = 80);
