-- wrk script of benchmarks/http.sh, then one line the script parses. With HTTPBENCH_PATH set (the books scenario),
-- every request is GET of that path. Otherwise (the items scenario), GET /items/{id} for every id from 1 to
-- HTTPBENCH_ROWS, in a shuffled order that is fixed per wrk thread (so every contender gets the same sequence of ids).

local fixed_path = os.getenv("HTTPBENCH_PATH")
if fixed_path == "" then fixed_path = nil end
local rows = tonumber(os.getenv("HTTPBENCH_ROWS") or "10000")
local paths = {}
local position = 1
local threads = 0

-- Runs in wrk's main Lua state, once per thread: each thread gets its own number, and from it its own order.
function setup(thread)
   threads = threads + 1
   thread:set("thread_number", threads)
end

function init(args)
   if fixed_path then
      rows = 1
      paths[1] = wrk.format("GET", fixed_path)
      return
   end
   math.randomseed(7919 * (thread_number or 1))
   for id = 1, rows do
      paths[id] = wrk.format("GET", "/items/" .. id)
   end
   for i = rows, 2, -1 do
      local j = math.random(i)
      paths[i], paths[j] = paths[j], paths[i]
   end
end

-- The requests are built once in init: formatting one per request would spend wrk's CPU, which the server shares.
function request()
   local next_request = paths[position]
   position = position % rows + 1
   return next_request
end

function done(summary, latency, requests)
   local errors = summary.errors
   io.write(string.format(
      "WRK_RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
      "connect_errors=%d read_errors=%d write_errors=%d status_errors=%d timeouts=%d\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
      errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
