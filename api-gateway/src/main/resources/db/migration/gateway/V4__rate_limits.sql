-- Rate limits (SPEC §2; docs/security.md "Limits").

-- The operator's per-tenant settings; a missing row or a NULL column means "the configured default".
CREATE TABLE tenant_rate_limits (
    tenant_id          TEXT             PRIMARY KEY REFERENCES tenants (id),
    tenant_per_second  DOUBLE PRECISION CHECK (tenant_per_second > 0),
    tenant_burst       INT              CHECK (tenant_burst > 0),
    key_per_second     DOUBLE PRECISION CHECK (key_per_second > 0),
    key_burst          INT              CHECK (key_burst > 0),
    updated_at         TIMESTAMPTZ      NOT NULL
);

-- The shared token buckets every gateway instance leases from ('t:<tenant id>', 'k:<key id>'). A lease is one
-- INSERT … ON CONFLICT DO UPDATE … RETURNING on one row: refill by the time since updated_at (the database's
-- clock, so instances' clocks do not matter), take up to the lease size, remember what was granted.
-- capacity and refill_per_second are the limits the last lease was taken under (the tenant's settings).
-- Every lease touches exactly one row by its primary key, so its cost does not grow with the table; a row that
-- would be full again is the same as no row, and BucketPruner deletes those hourly. No index but the primary
-- key, and room left in each page, so the constant updates stay HOT (no index writes, little bloat).
CREATE TABLE rate_limit_buckets (
    bucket_key        TEXT             PRIMARY KEY,
    tokens            DOUBLE PRECISION NOT NULL,
    capacity          DOUBLE PRECISION NOT NULL,
    refill_per_second DOUBLE PRECISION NOT NULL,
    granted           INT              NOT NULL,
    updated_at        TIMESTAMPTZ      NOT NULL
) WITH (fillfactor = 70);
