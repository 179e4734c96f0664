-- Outcome figures for BI tools (Metabase, Grafana, a warehouse): read these views, not the tables. A call counts on
-- the day (UTC) it ended, else the day it arrived; test calls are left out.
CREATE VIEW call_outcomes_daily AS
SELECT CAST(COALESCE(ended_at, received_at) AT TIME ZONE 'UTC' AS DATE) AS "day", -- a keyword of H2: "day" there
       vendor,
       account,
       COUNT(*) AS calls,
       SUM(CASE WHEN connectivity = 'CONNECTED' THEN 1 ELSE 0 END) AS connected,
       SUM(CASE WHEN connectivity = 'VOICEMAIL' THEN 1 ELSE 0 END) AS voicemail,
       SUM(CASE WHEN connectivity = 'NO_ANSWER' THEN 1 ELSE 0 END) AS no_answer,
       SUM(CASE WHEN opt_out THEN 1 ELSE 0 END) AS opted_out,
       SUM(CASE WHEN converted THEN 1 ELSE 0 END) AS converted,
       SUM(CASE WHEN escalation THEN 1 ELSE 0 END) AS escalated,
       SUM(CASE WHEN callback_requested THEN 1 ELSE 0 END) AS callbacks,
       SUM(COALESCE(duration_seconds, 0)) AS total_duration_seconds
FROM call_event
WHERE NOT test
GROUP BY CAST(COALESCE(ended_at, received_at) AT TIME ZONE 'UTC' AS DATE), vendor, account;
