#!/usr/bin/env bash
# Sends the deliveries a sink skipped because it was not configured when their events arrived (Salesforce before its
# connection was set up), for events that arrived in a time range. Run it once the sink is configured: the router's
# worker then sends them, each once (the sink recognises work it already did).
#   scripts/send-skipped.sh salesforce 2026-11-01T00:00:00Z 2026-11-23T00:00:00Z
# The database is the router's: DB_URL, DB_USER, DB_PASSWORD, DB_SCHEMA as for the router (PostgreSQL, through psql),
# or the embedded H2 file (./data/call-router) with the router stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 3 ]; then
  echo "usage: $0 <sink> <from> <to>   (times in ISO 8601, e.g. 2026-11-01T00:00:00Z; from inclusive, to exclusive)" >&2
  exit 2
fi
sink=$1 from=$2 to=$3
[[ $sink =~ ^[a-z-]+$ ]] || { echo "not a sink name: $sink" >&2; exit 2; }
for time in "$from" "$to"; do
  [[ $time =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:?[0-9]{2})$ ]] || { echo "not an ISO 8601 time with a zone: $time" >&2; exit 2; }
done
sql="UPDATE delivery SET status = 'PENDING', attempts = 0, result = NULL, last_error = NULL,
 next_attempt_at = CURRENT_TIMESTAMP WHERE status = 'SKIPPED' AND sink = '$sink'
 AND created_at >= CAST('$from' AS TIMESTAMP WITH TIME ZONE) AND created_at < CAST('$to' AS TIMESTAMP WITH TIME ZONE)"
url=${DB_URL:-jdbc:h2:file:./data/call-router}
if [[ $url =~ ^jdbc:postgresql://([^:/]+)(:([0-9]+))?/([^?]+) ]]; then
  PGPASSWORD=${DB_PASSWORD:-} PGOPTIONS="-c search_path=${DB_SCHEMA:-public}" psql -h "${BASH_REMATCH[1]}" \
    -p "${BASH_REMATCH[3]:-5432}" -U "${DB_USER:-postgres}" -d "${BASH_REMATCH[4]}" -v ON_ERROR_STOP=1 -c "$sql"
else
  [ -f target/classpath.txt ] || mvn -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
  java -cp "$(cat target/classpath.txt)" org.h2.tools.Shell -url "$url" -user "${DB_USER:-sa}" \
    -password "${DB_PASSWORD:-}" -sql "${DB_SCHEMA:+SET SCHEMA $DB_SCHEMA; }$sql"
fi
