-- wrk script: every request GETs a path chosen at random from the file named by BENCH_PATHS
-- (one path per line). Requests are pre-formatted once so that choosing costs next to nothing.
local requests = {}

function init(args)
  local file = assert(io.open(os.getenv("BENCH_PATHS"), "r"))
  for line in file:lines() do
    if #line > 0 then
      requests[#requests + 1] = wrk.format("GET", line)
    end
  end
  file:close()
  math.randomseed(os.time())
end

function request()
  return requests[math.random(#requests)]
end
