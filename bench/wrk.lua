-- wrk script for bench/run.py: counts responses whose status is not the expected one
-- (BENCH_EXPECT, 200) and prints a JSON summary with p50/p95/p99.
local expected = tonumber(os.getenv("BENCH_EXPECT") or "200")
local threads = {}
unexpected = 0

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status ~= expected then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local wrong = 0
  for _, thread in ipairs(threads) do
    wrong = wrong + (thread:get("unexpected") or 0)
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "unexpected_status": %d, ' ..
    '"errors": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, wrong,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max
  ))
end
