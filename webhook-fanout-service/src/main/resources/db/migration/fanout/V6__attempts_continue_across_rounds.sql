-- Replays and manual retries start a new round of attempts (a fresh retry schedule) without renumbering them: the
-- attempt log keeps counting (1, 2, … across rounds, issue 9 item 5) and the schedule counts from round_start,
-- the number of attempts made before this round.
ALTER TABLE delivery ADD COLUMN round_start INT NOT NULL DEFAULT 0;
