-- Requests a page of $PATHS picked at random (10 connections and a 50 ms pause after each
-- answer: about 200 requests a second). Why: the dashboard under an analyst-like load.
--   PATHS=/tmp/load/pairs.txt wrk -t2 -c10 -d15s --latency -s tools/load/pages.lua http://127.0.0.1:8080
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
delay = function() return 50 end
