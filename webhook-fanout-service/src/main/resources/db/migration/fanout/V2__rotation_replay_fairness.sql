-- Secret rotation: the replaced secret keeps signing (second signature) until previous_secret_until.
ALTER TABLE subscription ADD COLUMN previous_secret_encrypted TEXT;
ALTER TABLE subscription ADD COLUMN previous_secret_until     TIMESTAMPTZ;

-- Events kept for replay (ringline.fanout.replay.retention): the rendered payload of every call event of a
-- tenant, so a replay can reach subscriptions that did not exist, filtered out, or failed at the time.
CREATE TABLE event_log (
    event_id    TEXT        PRIMARY KEY,
    tenant_id   TEXT        NOT NULL,
    number_id   TEXT        NOT NULL,
    event       TEXT        NOT NULL,
    payload     TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX event_log_by_tenant ON event_log (tenant_id, created_at);
CREATE INDEX event_log_by_age ON event_log (created_at);

-- The delivery log reads one subscription's attempts newest first.
ALTER TABLE delivery_attempts ADD COLUMN subscription_id TEXT;
UPDATE delivery_attempts a SET subscription_id = d.subscription_id FROM delivery d WHERE d.id = a.delivery_id;
ALTER TABLE delivery_attempts ALTER COLUMN subscription_id SET NOT NULL;
CREATE INDEX delivery_attempts_by_subscription ON delivery_attempts (subscription_id, id DESC);
