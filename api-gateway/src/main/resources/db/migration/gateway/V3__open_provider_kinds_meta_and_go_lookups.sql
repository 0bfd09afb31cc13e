-- A row may name a provider kind this version does not know (written by a newer version during a rolling
-- upgrade, or by hand): it must stay readable (listed, deletable) and be refused for calling with
-- 400 FEATURE_NOT_SUPPORTED, rather than fail every read of the tenant's numbers.
ALTER TABLE numbers DROP CONSTRAINT numbers_provider_check;

-- The Evolution GO compatibility layer authenticates by the instance token alone (header apikey), and Meta's
-- webhooks name the number by its phone-number-id: both are looked up per request.
CREATE INDEX numbers_instance_token ON numbers (instance_token_hash)
    WHERE instance_token_hash IS NOT NULL AND deleted_at IS NULL;
