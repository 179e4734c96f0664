#!/usr/bin/env bash
# A longer run of the crash test: a campaign of N webhooks (default 20000) posted from the test's process, the router
# (a process of its own, PostgreSQL schema call_router_crash) killed with SIGKILL after 30% are acknowledged, then
# started again (under its own instance id, and under a new one); every acknowledged webhook must end as one call log
# row, one Salesforce call Task and, for an opt-out, one alert, within 60 s of the restart. Router logs: target/crash-router-1.log and target/crash-router-2.log.
#   scripts/crash-test.sh [events]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test -Dtest=CrashRecoveryTest -Dsurefire.failIfNoSpecifiedTests=false -Dcrash.events="${1:-20000}"
echo "crash test passed with ${1:-20000} webhooks"
