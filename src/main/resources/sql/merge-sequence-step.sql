-- One step of an outreach sequence.
MERGE INTO sequence_step t
USING (SELECT CAST(:#vendor AS VARCHAR(40)) AS vendor,
       CAST(:#account AS VARCHAR(40)) AS account,
       CAST(:#vendor_sequence_id AS VARCHAR(200)) AS vendor_sequence_id,
       CAST(:#step AS INTEGER) AS step,
       CAST(:#step_type AS VARCHAR(10)) AS step_type,
       CAST(:#vendor_step_id AS VARCHAR(200)) AS vendor_step_id,
       CAST(:#agent_id AS TEXT) AS agent_id,
       CAST(:#status AS TEXT) AS status,
       CAST(:#ended_reason AS TEXT) AS ended_reason,
       CAST(:#outcome AS TEXT) AS outcome,
       CAST(:#failure_reason AS TEXT) AS failure_reason,
       CAST(:#started_at AS TIMESTAMP WITH TIME ZONE) AS started_at,
       CAST(:#ended_at AS TIMESTAMP WITH TIME ZONE) AS ended_at,
       CAST(:#source_number AS VARCHAR(200)) AS source_number,
       CAST(:#destination_number AS VARCHAR(200)) AS destination_number,
       CAST(:#summary AS TEXT) AS summary) s
ON t.vendor = s.vendor AND t.account = s.account AND t.vendor_sequence_id = s.vendor_sequence_id AND t.step = s.step
WHEN MATCHED THEN UPDATE SET
    step_type = COALESCE(s.step_type, t.step_type),
    vendor_step_id = COALESCE(s.vendor_step_id, t.vendor_step_id),
    agent_id = COALESCE(s.agent_id, t.agent_id),
    status = COALESCE(s.status, t.status),
    ended_reason = COALESCE(s.ended_reason, t.ended_reason),
    outcome = COALESCE(s.outcome, t.outcome),
    failure_reason = COALESCE(s.failure_reason, t.failure_reason),
    started_at = COALESCE(s.started_at, t.started_at),
    ended_at = COALESCE(s.ended_at, t.ended_at),
    source_number = COALESCE(s.source_number, t.source_number),
    destination_number = COALESCE(s.destination_number, t.destination_number),
    summary = COALESCE(s.summary, t.summary)
WHEN NOT MATCHED THEN INSERT (vendor, account, vendor_sequence_id, step, step_type, vendor_step_id, agent_id, status, ended_reason, outcome, failure_reason, started_at, ended_at, source_number, destination_number, summary)
    VALUES (s.vendor, s.account, s.vendor_sequence_id, s.step, s.step_type, s.vendor_step_id, s.agent_id, s.status, s.ended_reason, s.outcome, s.failure_reason, s.started_at, s.ended_at, s.source_number, s.destination_number, s.summary)
