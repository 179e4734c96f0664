-- Reconciliation with the calling platforms' APIs: per platform, the calls that ended before the watermark have been
-- compared with the inbox (a call the inbox lacked was fetched and stored). One instance polls a platform at a time
-- (leased_by, until lease_until, database time); a poll that fails leaves the watermark where it was, so its window is
-- polled again. not_before: the platform asked to wait (429 Retry-After). refused_credential: a hash of the API key
-- the platform refused (401/403); polls wait until the key changes.
CREATE TABLE reconcile_window (
    vendor             VARCHAR(40)              PRIMARY KEY,
    watermark          TIMESTAMP WITH TIME ZONE,
    leased_by          VARCHAR(200),
    lease_until        TIMESTAMP WITH TIME ZONE,
    not_before         TIMESTAMP WITH TIME ZONE,
    refused_credential VARCHAR(64),
    last_error         VARCHAR(2000),
    completed_at       TIMESTAMP WITH TIME ZONE
);

-- How a stored event reached the inbox: its webhook, or reconciliation (a webhook that never arrived).
ALTER TABLE inbox ADD COLUMN received_via VARCHAR(20) DEFAULT 'webhook' NOT NULL;
