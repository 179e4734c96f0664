-- wrk script: one Altur webhook of about 1 MiB (the doc example with a long note of non-ASCII text, which Altur's
-- re-serialized signature scheme would have to escape), posted again and again. BENCH_SIGNATURE says how it is signed:
--   valid:   as Altur signs it; after the first it is a duplicate, so each request costs reading, verifying, parsing
--            and the inbox's duplicate check
--   invalid: a signature that does not match: refused (401), which must cost no more than verifying a valid one
--   none:    for the no-op route, the floor (reading 1 MiB and answering)
package.path = "bench/?.lua;" .. package.path
local hmac = require("hmac")
local body, signature

function init(args)
  local file = assert(io.open("src/test/resources/vendor-examples/altur-on-call-end.json", "rb"))
  local template = file:read("*a"):gsub("%s*}%s*$", "")
  file:close()
  local size = 1000000 -- below router.max-body-bytes (1 MiB)
  local words = "Grüße, señor: «no me llame más» — "
  local note = string.rep(words, math.floor((size - #template - 16) / #words))
  body = template .. ',"notes":"' .. note .. '"}'
  local mode = os.getenv("BENCH_SIGNATURE") or "valid"
  if mode == "valid" then
    local whole = #body - #body % 64
    signature = hmac.signer(os.getenv("BENCH_SECRET"), body:sub(1, whole))(body:sub(whole + 1))
  elseif mode == "invalid" then
    signature = string.rep("0", 64)
  end
end

function request()
  local headers = { ["Content-Type"] = "application/json" }
  if signature then
    headers["X-Altur-Signature"] = signature
  end
  return wrk.format("POST", nil, headers, body)
end

done = dofile("bench/report.lua")
