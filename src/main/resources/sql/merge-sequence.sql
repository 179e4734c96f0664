-- An outreach sequence: insert, or update with the latest report.
MERGE INTO call_sequence t
USING (SELECT CAST(:#vendor AS VARCHAR(40)) AS vendor,
       CAST(:#account AS VARCHAR(40)) AS account,
       CAST(:#vendor_sequence_id AS VARCHAR(200)) AS vendor_sequence_id,
       CAST(:#last_event_id AS UUID) AS last_event_id,
       CAST(:#status AS TEXT) AS status,
       CAST(:#outcome_description AS TEXT) AS outcome_description,
       CAST(:#customer_number AS VARCHAR(200)) AS customer_number,
       CAST(:#started_at AS TIMESTAMP WITH TIME ZONE) AS started_at,
       CAST(:#last_updated AS TIMESTAMP WITH TIME ZONE) AS last_updated,
       CAST(:#received_at AS TIMESTAMP WITH TIME ZONE) AS received_at,
       CAST(:#connectivity AS VARCHAR(20)) AS connectivity,
       CAST(:#business_outcome AS VARCHAR(20)) AS business_outcome,
       CAST(:#opt_out AS BOOLEAN) AS opt_out,
       CAST(:#escalation AS BOOLEAN) AS escalation,
       CAST(:#callback_requested AS BOOLEAN) AS callback_requested,
       CAST(:#converted AS BOOLEAN) AS converted,
       CAST(:#raw_payload AS TEXT) AS raw_payload,
       CURRENT_TIMESTAMP AS updated_at) s
ON t.vendor = s.vendor AND t.account = s.account AND t.vendor_sequence_id = s.vendor_sequence_id
WHEN MATCHED THEN UPDATE SET
    last_event_id = s.last_event_id,
    status = COALESCE(s.status, t.status),
    outcome_description = COALESCE(s.outcome_description, t.outcome_description),
    customer_number = COALESCE(s.customer_number, t.customer_number),
    started_at = COALESCE(s.started_at, t.started_at),
    last_updated = COALESCE(s.last_updated, t.last_updated),
    connectivity = CASE WHEN s.connectivity = 'UNKNOWN' THEN t.connectivity ELSE s.connectivity END,
    business_outcome = CASE WHEN s.business_outcome = 'UNKNOWN' THEN t.business_outcome ELSE s.business_outcome END,
    opt_out = t.opt_out OR s.opt_out,
    escalation = t.escalation OR s.escalation,
    callback_requested = t.callback_requested OR s.callback_requested,
    converted = t.converted OR s.converted,
    raw_payload = COALESCE(s.raw_payload, t.raw_payload),
    updated_at = s.updated_at
WHEN NOT MATCHED THEN INSERT (vendor, account, vendor_sequence_id, last_event_id, status, outcome_description, customer_number, started_at, last_updated, received_at, connectivity, business_outcome, opt_out, escalation, callback_requested, converted, raw_payload, updated_at)
    VALUES (s.vendor, s.account, s.vendor_sequence_id, s.last_event_id, s.status, s.outcome_description, s.customer_number, s.started_at, s.last_updated, s.received_at, s.connectivity, s.business_outcome, s.opt_out, s.escalation, s.callback_requested, s.converted, s.raw_payload, s.updated_at)
