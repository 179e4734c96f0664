#!/usr/bin/env bash
# Checks a Salesforce org before go-live, with the router's own settings (application.properties, ROUTER_CONFIG_DIR
# and the SALESFORCE_* environment): logs in with the configured flow, describes the objects the router reads and
# writes, and prints a line per check (OK, NOTE or FAIL): whether the integration user can create and edit each field
# the router writes, whether the picklist values it writes exist, person accounts, the org's time zone and the API
# allocation left. Writes nothing. Three or four API requests. --org <org> checks an org of router.salesforce.orgs.
#   scripts/check-salesforce.sh              the checks
#   scripts/check-salesforce.sh '+1 415 555 0123'
#                                            and who that number is, searched as the router would
# Exits 0 when every check holds, 1 otherwise. Uses the packaged jar when there is one (mvn package), else builds.
set -euo pipefail
cd "$(dirname "$0")/.."
main=(org.calloutcome.router.AdminChecks salesforce)
# the report on standard output; Camel's and the component's warnings, if any, on standard error
quiet=(-Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.logFile=System.err)
if [ -f target/call-outcome-router.jar ] && [ -d target/lib ]; then
  exec java "${quiet[@]}" -cp target/call-outcome-router.jar "${main[@]}" "$@"
fi
mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
exec java "${quiet[@]}" -cp "target/classes:$(cat target/classpath.txt)" "${main[@]}" "$@"
