-- wrk script: the Altur doc example with a new call id on every request, signed as Altur signs it (hex HMAC of the
-- raw body), so that every request is a new event and a durable inbox insert. BENCH_SECRET is the router's secret.
-- The call id is moved to the end of the body (JSON key order carries no meaning) so that the unchanging part is
-- hashed once: signing then costs the load generator a few microseconds instead of most of a core.
package.path = "bench/?.lua;" .. package.path
local hmac = require("hmac")
local prefix, sign, counter, run = nil, nil, 0, nil
local thread_number = 0

function setup(thread)
  thread_number = thread_number + 1
  thread:set("number", thread_number)
end

function init(args)
  local file = assert(io.open("src/test/resources/vendor-examples/altur-on-call-end.json", "rb"))
  local template = file:read("*a")
  file:close()
  local without_id, removed = template:gsub('\n%s*"id": "[^"]*",', "", 1)
  assert(removed == 1, "the Altur example has no id line")
  prefix = without_id:gsub("%s*}%s*$", "")
  prefix = prefix .. string.rep(" ", (64 - #prefix % 64) % 64)
  sign = hmac.signer(os.getenv("BENCH_SECRET"), prefix)
  run = "cll_bench_" .. os.time() .. "_" .. tostring(number) .. "_"
end

function request()
  counter = counter + 1
  local tail = ',"id":"' .. run .. counter .. '"}'
  return wrk.format("POST", os.getenv("BENCH_PATH") or "/webhooks/altur",
    { ["Content-Type"] = "application/json", ["X-Altur-Signature"] = sign(tail) }, prefix .. tail)
end

done = dofile("bench/report.lua")
