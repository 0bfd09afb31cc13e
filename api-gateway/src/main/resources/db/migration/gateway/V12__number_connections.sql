-- Whether each EVO_GO number's instance was last reported connected to WhatsApp ('open') or not, from GO's
-- ConnectionUpdate webhooks and GO's own /instance/status: the state the QR pairing API shows. Erased with its
-- number by the retention job (ON DELETE CASCADE).
CREATE TABLE number_connections (
    number_id   TEXT        PRIMARY KEY REFERENCES numbers (id) ON DELETE CASCADE,
    state       TEXT        NOT NULL,
    observed_at TIMESTAMPTZ NOT NULL
);
