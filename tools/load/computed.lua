-- A wrk script whose every request is an answer the server must compute: a pair or country page
-- of $PATHS with a random year range and event type, which no earlier request asked for (kept
-- answers are by URL). Each connection waits 50 ms after every answer. Why: the server's memory
-- and latency when no answer is kept (BENCHMARKS.md).
--   PATHS=/tmp/load/pairs.txt wrk -t2 -c64 -d30s --latency -s tools/load/computed.lua http://127.0.0.1:8080
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
local types = { "VISIT", "MEET", "AGREE", "RATIFY", "RELATIONS" }
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
request = function()
  local since = math.random(1995, 2024)
  local path = string.format("%s?type=%s&since=%d&until=%d&n=%d", paths[math.random(#paths)],
    types[math.random(#types)], since, since + math.random(0, 5), math.random(1, 1000000000))
  return wrk.format("GET", path)
end
delay = function() return 50 end
