#!/usr/bin/env bash
# Posts each vendor's documented example to a running router, signed or tokened as that vendor does.
# Use the same credentials the router was started with:
#   ALTUR_WEBHOOK_SECRET, HMS_SOVEREIGN_WEBHOOK_SECRET, CLARION_WEBHOOK_TOKEN, CALLKARO_WEBHOOK_TOKEN, and, each only
#   when set, BLAND_WEBHOOK_SECRET, RETELL_API_KEY, ELEVENLABS_WEBHOOK_SECRET, VAPI_WEBHOOK_SECRET (Vapi's default
#   HMAC plan).
# ROUTER_URL defaults to http://localhost:${HTTP_PORT:-8080}.
set -euo pipefail
cd "$(dirname "$0")/.."
url=${ROUTER_URL:-http://localhost:${HTTP_PORT:-8080}}
examples=src/test/resources/vendor-examples
: "${ALTUR_WEBHOOK_SECRET:?set it to the Altur secret the router uses}"
: "${HMS_SOVEREIGN_WEBHOOK_SECRET:?set it to the HMS Sovereign secret the router uses}"
: "${CLARION_WEBHOOK_TOKEN:?set it to the Clarion token the router uses}"
: "${CALLKARO_WEBHOOK_TOKEN:?set it to the CallKaro token the router uses}"

hmac_hex() { openssl dgst -sha256 -hmac "$1" -hex | sed 's/^.*= //'; }

post() { # name, path, curl args...
  local name=$1 path=$2; shift 2
  printf '%-34s ' "$name"
  curl -sS -w '  HTTP %{http_code}\n' -X POST "$url$path" -H 'Content-Type: application/json' "$@"
}

# Altur: hex HMAC-SHA256 of the raw body.
body=$examples/altur-on-call-end.json
post "Altur on_call_end" /webhooks/altur --data-binary "@$body" \
  -H "X-Altur-Signature: $(hmac_hex "$ALTUR_WEBHOOK_SECRET" < "$body")"

# HMS Sovereign: HMAC-SHA256 of "<timestamp>.<raw body>", with a fresh timestamp.
body=$examples/hms-sovereign-end-of-call-report.json
ts=$(date +%s)
sig=$( { printf '%s.' "$ts"; cat "$body"; } | hmac_hex "$HMS_SOVEREIGN_WEBHOOK_SECRET")
post "HMS Sovereign end-of-call-report" /webhooks/hms-sovereign --data-binary "@$body" \
  -H "X-Webhook-Timestamp: $ts" -H "X-Webhook-Signature: sha256=$sig" -H "X-Webhook-Event: end-of-call-report"

# CallKaro: token in the URL, as its dashboard allows only a URL.
post "CallKaro call_ended" "/webhooks/callkaro?token=$CALLKARO_WEBHOOK_TOKEN" \
  --data-binary "@$examples/callkaro-call-ended.json"

# Clarion: both webhooks on one URL, token as a bearer header.
post "Clarion end of call" /webhooks/clarion -H "Authorization: Bearer $CLARION_WEBHOOK_TOKEN" \
  --data-binary "@$examples/clarion-end-of-call.json"
post "Clarion end of sequence report" /webhooks/clarion -H "Authorization: Bearer $CLARION_WEBHOOK_TOKEN" \
  --data-binary "@$examples/clarion-end-of-sequence-report.json"

# Two more Clarion calls, so that ./outbox (or the SMTP server) shows alert mails: one where the patient asked not to
# be called again, one the assistant escalated to a person.
variant() { # id, outcome, failure reason, summary
  sed -e "s/\"id\": 48213/\"id\": $1/" -e "s/\"outcome\": \"resolved\"/\"outcome\": \"$2\"/" \
      -e "s/\"failure_reason\": null/\"failure_reason\": \"$3\"/" \
      -e "s/\"summary\": \"[^\"]*\"/\"summary\": \"$4\"/" "$examples/clarion-end-of-call.json"
}
post "Clarion end of call (opt-out)" /webhooks/clarion -H "Authorization: Bearer $CLARION_WEBHOOK_TOKEN" \
  --data-binary "$(variant 48214 unresolved opt-out 'Patient asked not to be called again.')"
post "Clarion end of call (escalated)" /webhooks/clarion -H "Authorization: Bearer $CLARION_WEBHOOK_TOKEN" \
  --data-binary "$(variant 48215 unresolved escalated 'Patient wants to speak to the clinic about a bill.')"

# Bland: hex HMAC-SHA256 of the raw body; posted only when BLAND_WEBHOOK_SECRET is set.
if [ -n "${BLAND_WEBHOOK_SECRET:-}" ]; then
  body=$examples/bland-call-completed.json
  post "Bland call completed" /webhooks/bland --data-binary "@$body" \
    -H "X-Webhook-Signature: $(hmac_hex "$BLAND_WEBHOOK_SECRET" < "$body")"
fi

# Retell: hex HMAC-SHA256 of the raw body followed by the timestamp in milliseconds.
if [ -n "${RETELL_API_KEY:-}" ]; then
  for event in call-ended call-analyzed; do
    body=$examples/retell-$event.json
    ts=$(date +%s%3N)
    sig=$( { cat "$body"; printf '%s' "$ts"; } | hmac_hex "$RETELL_API_KEY")
    post "Retell ${event/-/_}" /webhooks/retell --data-binary "@$body" -H "x-retell-signature: v=$ts,d=$sig"
  done
fi

# ElevenLabs: hex HMAC-SHA256 of "<timestamp>.<raw body>", timestamp in seconds.
if [ -n "${ELEVENLABS_WEBHOOK_SECRET:-}" ]; then
  body=$examples/elevenlabs-post-call-transcription.json
  ts=$(date +%s)
  sig=$( { printf '%s.' "$ts"; cat "$body"; } | hmac_hex "$ELEVENLABS_WEBHOOK_SECRET")
  post "ElevenLabs post_call_transcription" /webhooks/elevenlabs --data-binary "@$body" \
    -H "ElevenLabs-Signature: t=$ts,v0=$sig"
fi

# Vapi, default HMAC plan: hex HMAC-SHA256 of "<timestamp>.<raw body>" in x-signature, timestamp in milliseconds.
if [ -n "${VAPI_WEBHOOK_SECRET:-}" ]; then
  for example in vapi-end-of-call-report vapi-end-of-call-report-no-answer; do
    body=$examples/$example.json
    ts=$(date +%s%3N)
    sig=$( { printf '%s.' "$ts"; cat "$body"; } | hmac_hex "$VAPI_WEBHOOK_SECRET")
    post "Vapi ${example#vapi-}" /webhooks/vapi --data-binary "@$body" -H "x-timestamp: $ts" -H "x-signature: $sig"
  done
fi
