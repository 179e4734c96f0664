-- Conditions of the pipeline itself that operators are mailed about (a sink failing, an old backlog, dead work): a row
-- per condition while it holds, shared by every instance. The instance that marks it notified sends the one mail of
-- the incident; the one that deletes a notified row sends the one mail of its recovery.
CREATE TABLE operations_incident (
    incident    VARCHAR(80)              PRIMARY KEY, -- sink-failing:salesforce, inbox-backlog, dead-work
    detected_at TIMESTAMP WITH TIME ZONE NOT NULL,
    notified_at TIMESTAMP WITH TIME ZONE,
    detail      TEXT
);
