-- wrk script: the Altur doc example with a new call id on every request, signed as Altur signs it (hex HMAC of the
-- raw body), so that every request is a new event and a durable inbox insert. BENCH_SECRET is the router's secret.
package.path = "bench/?.lua;" .. package.path
local hmac = require("hmac")
local secret = os.getenv("BENCH_SECRET")
local template, prefix, counter = nil, nil, 0
local thread_number = 0

function setup(thread)
  thread_number = thread_number + 1
  thread:set("number", thread_number)
end

function init(args)
  local file = assert(io.open("src/test/resources/vendor-examples/altur-on-call-end.json", "rb"))
  template = file:read("*a")
  file:close()
  prefix = "cll_bench_" .. os.time() .. "_" .. tostring(number) .. "_"
end

function request()
  counter = counter + 1
  local body = template:gsub("cll_gBoLtd02pUI50QwXkFjB", prefix .. counter)
  return wrk.format("POST", os.getenv("BENCH_PATH") or "/webhooks/altur",
    { ["Content-Type"] = "application/json", ["X-Altur-Signature"] = hmac(secret, body) }, body)
end

done = dofile("bench/report.lua")
