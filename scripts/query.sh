#!/usr/bin/env bash
# Runs SQL against the embedded H2 call log (./data/call-router). H2 lets one process open the file at a time:
# stop the router first. Example: scripts/query.sh "SELECT vendor, vendor_call_id, business_outcome FROM call_event"
set -euo pipefail
cd "$(dirname "$0")/.."
sql=${1:-"SELECT vendor, vendor_call_id, direction, connectivity, business_outcome, customer_number, started_at FROM call_event ORDER BY received_at"}
mvn -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
java -cp "$(cat target/classpath.txt)" org.h2.tools.Shell -url "jdbc:h2:file:./data/call-router" -user sa -sql "$sql"
