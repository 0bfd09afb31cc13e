-- The revision of each number last written to the numbers topic (through the outbox). A number whose version
-- is ahead of it (created before the topic existed, or re-encrypted by bin/reencrypt, which bumps the version)
-- is published by the gateway's NumberPublisher sweep; every change through the API publishes in its own
-- transaction.
ALTER TABLE numbers ADD COLUMN published_version BIGINT;
CREATE INDEX numbers_unpublished ON numbers (id) WHERE published_version IS DISTINCT FROM version;
