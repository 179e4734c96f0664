#!/usr/bin/env bash
# Checks every alert channel with the router's own settings (application.properties, ROUTER_CONFIG_DIR and the
# environment): logs in to the mail server (fetching a token first, with SMTP_AUTH=oauth2), sends a test alert to the
# operations recipients (router.mail.to.operations, else ALERT_TO), posts one to Slack (SLACK_WEBHOOK_URL), and prints a
# line per channel: OK, NOTE (not configured) or FAIL with the token endpoint's, the mail server's or Slack's words.
# Exits 0 when every configured channel delivered, 1 otherwise. The status page has the same check.
set -euo pipefail
cd "$(dirname "$0")/.."
main=(org.calloutcome.router.AdminChecks alerts)
quiet=(-Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.logFile=System.err)
if [ -f target/call-outcome-router.jar ] && [ -d target/lib ]; then
  exec java "${quiet[@]}" -cp target/call-outcome-router.jar "${main[@]}" "$@"
fi
mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
exec java "${quiet[@]}" -cp "target/classes:$(cat target/classpath.txt)" "${main[@]}" "$@"
