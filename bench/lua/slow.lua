-- wrk script: counts the requests slower than BENCH_SLOW_MS milliseconds (default 10), for the swap-under-load
-- step. If BENCH_DELAY_MS is set, each connection also waits that long between requests, as paced.lua does.
-- BENCH_CONNECTIONS must be wrk's -c value (see below). After wrk's own report it prints, one per line:
--   SLOW_OVER_<ms>MS <n>            requests that took longer than <ms> ms (each one a real request)
--   SLOW_OVER_<ms>MS_CORRECTED <n>  the same count in wrk's corrected histogram (see below)
--   TOTAL <n>                       requests completed
--   TIMEOUTS <n>                    requests that got no answer within wrk's --timeout (not in the counts above)
--   MAX_US <n>                      the slowest request, in microseconds
--
-- wrk 4.1's statistics object (checked against the Debian package): latency(i) returns the value in
-- microseconds and the count of the i-th distinct recorded value, in ascending order; #latency is the number of
-- distinct values; latency[i] does not work (it returns i). Each latency(i) call scans the histogram from its
-- minimum, so only the values above the threshold are read, after a binary search for the first of them.
--
-- The histogram handed to done() is the one wrk prints percentiles from, after its coordinated-omission
-- correction: with e = duration / (requests / connections), every recorded value v >= 2e adds one sample at
-- v - e, v - 2e, ... while that is > e (the requests a constant-rate client would have sent during the stall).
-- The corrected count is printed as it is; the plain count undoes the correction, which is why the script needs
-- the number of connections.
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "")
local threshold_ms = tonumber(os.getenv("BENCH_SLOW_MS") or "10")
local connections = tonumber(os.getenv("BENCH_CONNECTIONS") or "")

if pause then
  function delay()
    return pause
  end
end

function setup(thread)
  assert(connections, "slow.lua needs BENCH_CONNECTIONS (wrk's -c value)")
end

function done(summary, latency, requests)
  local threshold = threshold_ms * 1000
  local n = #latency
  local lo, hi = 1, n + 1
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if latency(mid) > threshold then
      hi = mid
    else
      lo = mid + 1
    end
  end
  local values, counts, corrected = {}, {}, 0
  for i = lo, n do
    local value, count = latency(i)
    values[#values + 1] = value
    counts[value] = count
    corrected = corrected + count
  end

  local per_connection = math.floor(summary.requests / connections)
  local e = per_connection > 0 and math.floor(summary.duration / per_connection) or 0
  -- From the top down: a value's synthetic samples come only from larger recorded values.
  local real, slow = {}, 0
  for j = #values, 1, -1 do
    local v = values[j]
    local count = counts[v]
    if e > 0 and v > e then
      local above = v + e
      while above <= values[#values] do
        count = count - (real[above] or 0)
        above = above + e
      end
    end
    real[v] = count
    slow = slow + count
  end

  local label = string.format("SLOW_OVER_%gMS", threshold_ms)
  io.write(string.format("%s %d\n%s_CORRECTED %d\nTOTAL %d\nTIMEOUTS %d\nMAX_US %d\n", label, slow, label,
    corrected, summary.requests, summary.errors.timeout, n > 0 and latency.max or 0))
end
