-- A campaign's end as a backlog: :count Altur calls (the doc example, each with its own call id and number; every
-- tenth tagged opt_out), stored in the inbox as intake stores them, due at once. Run with psql -v count=... -v
-- template=... in the router's schema.
INSERT INTO inbox (event_id, vendor, event_kind, vendor_event_id, vendor_event_type, payload, received_at, status,
                   attempts, next_attempt_at)
SELECT gen_random_uuid(), 'altur', 'call-ended', 'cll_' || :'batch' || '_' || g, 'on_call_end',
       replace(replace(replace(:'template', 'cll_gBoLtd02pUI50QwXkFjB', 'cll_' || :'batch' || '_' || g),
                       '1234567890', lpad(g::text, 10, '0')),
               '"call_later"', CASE WHEN g % 10 = 0 THEN '"opt_out"' ELSE '"call_later"' END),
       now(), 'RECEIVED', 0, now()
FROM generate_series(1, :count) AS g;
SELECT pg_notify('call_router_inbox_' || current_schema(), '');
