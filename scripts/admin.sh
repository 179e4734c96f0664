#!/usr/bin/env bash
# The router's admin API from the command line (the router must run with ADMIN_TOKEN set; use the same token here).
#   scripts/admin.sh dead                      failed and dead events and deliveries, with their errors
#   scripts/admin.sh replay <id> [...]         replay events (ids with dashes) or deliveries (numbers)
#   scripts/admin.sh replay-all [filter]       replay every failed and dead event, e.g. '{"vendor":"clarion"}'
#   scripts/admin.sh resolve <id> [...]        mark events or deliveries resolved: no longer listed nor retried;
#                                              REASON='DoNotCall set by hand' keeps why, and who ($USER, or RESOLVED_BY)
#   scripts/admin.sh reconcile <vendor>[/<account>] <from> <to>
#                                              store the calls of a platform's API that ended in the window (ISO
#                                              instants) and whose webhook never came, e.g. retell 2026-12-01T08:00:00Z
#   scripts/admin.sh reprocess <filter>        process again the processed events the filter names, with today's
#                                              mapping and rules, e.g. '{"vendor":"altur","since":"2026-12-01T00:00:00Z"}'
#   scripts/admin.sh opt-outs [query]          the opt-out ledger, e.g. 'since=2026-11-01T00:00:00Z&format=csv'
# The token comes from ADMIN_TOKEN or from the file ADMIN_TOKEN_FILE, and reaches curl through a file descriptor, never
# on a command line (where ps would show it). ROUTER_URL is the router's admin port, by default
# http://localhost:${ADMIN_PORT:-8081} (in Kubernetes: kubectl port-forward deploy/call-outcome-router 8081). Exits 1
# when the router answers anything but 2xx (the answer is printed), 2 on a usage error.
set -euo pipefail
url=${ROUTER_URL:-http://localhost:${ADMIN_PORT:-8081}}
if [ -z "${ADMIN_TOKEN:-}" ] && [ -n "${ADMIN_TOKEN_FILE:-}" ]; then ADMIN_TOKEN=$(<"$ADMIN_TOKEN_FILE"); fi
: "${ADMIN_TOKEN:?set it (or ADMIN_TOKEN_FILE) to the admin token the router uses}"
api() { # method, path, [body]: prints the answer; an answer other than 2xx ends the script with status 1
  local answer status
  answer=$(curl -sS -X "$1" "$url$2" -H @<(printf 'Authorization: Bearer %s\n' "$ADMIN_TOKEN") \
    -H 'Content-Type: application/json' \
    ${3:+--data "$3"} -w '\n%{http_code}') || exit 1
  status=${answer##*$'\n'}
  printf '%s\n' "${answer%$'\n'*}"
  [[ $status == 2* ]] || { echo "$0: $1 $2 answered $status" >&2; exit 1; }
}
ids() { # the JSON list of the ids given, quoted when they are event ids
  local list=() id
  for id in "$@"; do [[ $id =~ ^[0-9]+$ ]] && list+=("$id") || list+=("\"$id\""); done
  (IFS=,; echo "[${list[*]}]")
}
kind() { [[ $1 =~ ^[0-9]+$ ]] && echo deliveries || echo inbox; }

command=${1:-dead}; shift || true
case $command in
  dead) api GET "/admin/inbox"; api GET "/admin/deliveries" ;;
  replay|resolve)
    [ $# -gt 0 ] || { echo "usage: $0 $command <id> [...]" >&2; exit 2; }
    note=""
    if [ "$command" = resolve ] && [ -n "${REASON:-}" ]; then
      note=$(printf ', "by": "%s", "reason": "%s"' "${RESOLVED_BY:-${USER:-admin}}" "${REASON//\"/\\\"}")
    fi
    api POST "/admin/$(kind "$1")/$command" "{\"ids\": $(ids "$@")$note}" ;;
  replay-all) api POST "/admin/inbox/replay" "${1:-{\}}"; api POST "/admin/deliveries/replay" "${1:-{\}}" ;;
  reconcile)
    [ $# -eq 3 ] || { echo "usage: $0 reconcile <vendor>[/<account>] <from> <to>" >&2; exit 2; }
    vendor=${1%%/*}; account=default
    [ "$vendor" = "$1" ] || account=${1#*/}
    api POST "/admin/reconcile" \
      "{\"vendor\": \"$vendor\", \"account\": \"$account\", \"from\": \"$2\", \"to\": \"$3\"}" ;;
  reprocess)
    [ $# -eq 1 ] || { echo "usage: $0 reprocess '{\"ids\": [...]}' | '{\"since\": \"...\", \"vendor\": \"...\"}'" >&2; exit 2; }
    api POST "/admin/inbox/reprocess" "$1" ;;
  opt-outs) api GET "/admin/opt-outs${1:+?$1}" ;;
  *) echo "unknown command: $command (dead, replay, replay-all, resolve, reconcile, reprocess, opt-outs)" >&2; exit 2 ;;
esac
