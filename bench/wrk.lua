-- wrk script for bench/run.sh.
--
--   wrk ... -s bench/wrk.lua URL                 requests URL
--   wrk ... -s bench/wrk.lua URL -- /p/a /p/b    cycles through the given paths
--
-- done() prints one machine-readable line:
--   RESULT p50_ms=… p95_ms=… p99_ms=… rps=… requests=… errors=…
-- errors counts socket errors, timeouts and responses that are not 2xx/3xx.

local paths = {}
local counter = 0

function init(args)
  for i = 1, #args do
    paths[#paths + 1] = args[i]
  end
  -- Threads start at different places in the list.
  counter = math.random(0, math.max(#paths - 1, 0))
end

function request()
  if #paths == 0 then
    return wrk.request()
  end
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format(
    "RESULT p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f rps=%.1f requests=%d errors=%d\n",
    latency:percentile(50) / 1000,
    latency:percentile(95) / 1000,
    latency:percentile(99) / 1000,
    summary.requests / seconds,
    summary.requests,
    errors
  ))
end
