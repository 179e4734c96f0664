-- wrk script: the same 2 KB body, posted to the no-op route.
local file = assert(io.open("src/test/resources/vendor-examples/altur-on-call-end.json", "rb"))
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = file:read("*a")
file:close()
done = dofile("bench/report.lua")
