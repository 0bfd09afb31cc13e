-- The retention job (docs/security.md "Data retention") finds deleted numbers and revoked keys by age.
CREATE INDEX numbers_deleted_age ON numbers (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX api_keys_revoked_age ON api_keys (revoked_at) WHERE revoked_at IS NOT NULL;
