-- wrk script: each connection waits BENCH_DELAY_MS milliseconds before sending its next request,
-- so the offered rate is about connections / (delay + latency): a paced load well below the peak
-- (wrk2's constant-rate mode is not packaged in Debian). wrk's latency is measured from the moment
-- each request is sent, so it does not correct for coordinated omission.
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "4")

function delay()
  return pause
end
