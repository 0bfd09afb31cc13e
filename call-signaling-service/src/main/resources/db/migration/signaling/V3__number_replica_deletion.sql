-- The numbers replica is now fed by the gateway's compacted numbers topic (NumberRevision), which also
-- reports deletions: a deleted number keeps its row (calls refer to it) and refuses new commands.
ALTER TABLE numbers ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT false;
