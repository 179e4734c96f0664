-- The batch engine: claims name their owner and expire, every due time lives in one indexed column, the normalized
-- events are stored once for the sinks to read, and what several instances must share lives here.

-- Inbox: next_attempt_at is when a row is next due for a worker: on arrival, after a retry's backoff, or when a claim's
-- lease runs out. It is NULL once the row is finished (PROCESSED or DEAD).
ALTER TABLE inbox ADD COLUMN claimed_by VARCHAR(120);
ALTER TABLE inbox ADD COLUMN events TEXT; -- the canonical call events (JSON array) the sinks read
UPDATE inbox SET next_attempt_at = received_at WHERE status = 'RECEIVED';
UPDATE inbox SET next_attempt_at = claimed_at WHERE status = 'PROCESSING';
UPDATE inbox SET next_attempt_at = NULL WHERE status IN ('PROCESSED', 'DEAD');
DROP INDEX inbox_status;
CREATE INDEX inbox_due ON inbox (next_attempt_at);
CREATE INDEX inbox_status ON inbox (status);

-- Deliveries: the same due column, and the claim's owner.
ALTER TABLE delivery ADD COLUMN claimed_by VARCHAR(120);
UPDATE delivery SET next_attempt_at = created_at WHERE status = 'PENDING';
UPDATE delivery SET next_attempt_at = claimed_at WHERE status = 'PROCESSING';
UPDATE delivery SET next_attempt_at = NULL WHERE status IN ('DONE', 'SKIPPED', 'DEAD');
DROP INDEX delivery_due;
CREATE INDEX delivery_due ON delivery (sink, next_attempt_at);

-- A sink told to wait (Salesforce's REQUEST_LIMIT_EXCEEDED): every instance waits until paused_until.
CREATE TABLE sink_pause (
    sink         VARCHAR(40)              NOT NULL PRIMARY KEY,
    paused_until TIMESTAMP WITH TIME ZONE NOT NULL,
    reason       VARCHAR(200)
);

-- Alert mails sent per recipient, for the digest window every instance counts against.
CREATE TABLE mail_sent (
    recipient VARCHAR(1000)            NOT NULL,
    sent_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX mail_sent_recipient ON mail_sent (recipient, sent_at);

-- Sinks read the stored events: rows processed before they were stored, and still awaited by a sink, are processed
-- again (the call log merge and the deliveries' unique key make that harmless).
UPDATE inbox SET status = 'RECEIVED', next_attempt_at = CURRENT_TIMESTAMP
WHERE status = 'PROCESSED' AND event_id IN (SELECT event_id FROM delivery WHERE status IN ('PENDING', 'PROCESSING', 'FAILED'));
