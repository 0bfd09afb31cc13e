-- Tenancy: who may call, through which numbers, with which keys.

CREATE TABLE tenants (
    id         TEXT        PRIMARY KEY,
    name       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- Provider credentials live only as a SecretBox envelope (AES-256-GCM). The GO instance token and Meta's
-- verify token are also kept as SHA-256 hashes: provider webhooks present them, and we must find the
-- number by them without decrypting every row.
CREATE TABLE numbers (
    id                    TEXT        PRIMARY KEY,
    tenant_id             TEXT        NOT NULL REFERENCES tenants (id),
    phone                 TEXT        NOT NULL,
    provider              TEXT        NOT NULL CHECK (provider IN ('META', 'EVO_GO')),
    display_name          TEXT,
    base_url              TEXT        NOT NULL,
    account_id            TEXT        NOT NULL,
    encrypted_credentials TEXT        NOT NULL,
    instance_token_hash   TEXT,
    verify_token_hash     TEXT,
    version               BIGINT      NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    deleted_at            TIMESTAMPTZ,
    CHECK ((provider = 'EVO_GO') = (instance_token_hash IS NOT NULL))
);
-- A WhatsApp line belongs to one tenant; provider webhooks are routed by the provider account (GO
-- instance name, Meta phone-number-id), so that must be unambiguous too.
CREATE UNIQUE INDEX numbers_phone_live ON numbers (phone) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX numbers_account_live ON numbers (provider, account_id) WHERE deleted_at IS NULL;
CREATE INDEX numbers_tenant ON numbers (tenant_id, created_at, id);
CREATE INDEX numbers_verify_token ON numbers (verify_token_hash) WHERE verify_token_hash IS NOT NULL;

-- Keys are stored as SHA-256 of the secret (256 random bits: no dictionary to attack, cheap per request).
CREATE TABLE api_keys (
    id         TEXT        PRIMARY KEY,
    tenant_id  TEXT        NOT NULL REFERENCES tenants (id),
    number_id  TEXT        REFERENCES numbers (id),
    name       TEXT        NOT NULL,
    prefix     TEXT        NOT NULL,
    key_hash   TEXT        NOT NULL UNIQUE,
    scope      TEXT        NOT NULL CHECK (scope IN ('TENANT', 'NUMBER')),
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ,
    CHECK ((scope = 'NUMBER') = (number_id IS NOT NULL))
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at, id);
CREATE INDEX api_keys_number ON api_keys (number_id) WHERE number_id IS NOT NULL;
