-- wrk's script for tests/system/http/robust.sh: wrk has no request count, so each thread
-- counts its responses and stops once it has its share, writing DIR/done-N so that the test
-- ends wrk at once (wrk itself waits out -d); done() prints one line with every error count
-- and the responses that were not 200.
--   wrk -tT -cC -dLIMIT -s count.lua URL -- RESPONSES-PER-THREAD DIR
local threads, next_id = {}, 0

function setup(thread)
    next_id = next_id + 1
    thread:set("id", next_id)
    table.insert(threads, thread)
end

function init(args)
    quota, dir = tonumber(args[1]), args[2]
    got, not200 = 0, 0
    if quota == nil or dir == nil then
        error("usage: -- RESPONSES-PER-THREAD DIR")
    end
end

function response(status, headers, body)
    got = got + 1
    if status ~= 200 then
        not200 = not200 + 1
    end
    if got == quota then
        local f = assert(io.open(dir .. "/done-" .. id, "w"))
        f:close()
        wrk.thread:stop()
    end
end

function done(summary, latency, requests)
    local bad = 0
    for _, t in ipairs(threads) do
        bad = bad + (t:get("not200") or 0)
    end
    local e = summary.errors
    io.write(string.format("wrk: %d responses, not 200: %d, errors: connect %d read %d write %d " ..
        "status %d timeout %d; latency p50 %.0f ms, p99 %.0f ms, max %.0f ms\n",
        summary.requests, bad, e.connect, e.read, e.write, e.status, e.timeout,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
