-- grant_type=refresh_token: rotation forbids reuse, so every request presents the refresh token that an
-- earlier response returned. load.sh seeds the tokens (file BENCH_TOKENS, a line each, one per
-- connection and one for the request wrk makes each thread build and then drops);
-- thread i takes lines i, i + threads, ...; each answer's new token goes back into its thread's pool.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  pool = {}
  local count = tonumber(os.getenv("BENCH_THREADS"))
  local line = 0
  for token in io.lines(os.getenv("BENCH_TOKENS")) do
    if line % count == index then
      table.insert(pool, token)
    end
    line = line + 1
  end
  headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = "Basic " .. os.getenv("BENCH_BASIC"),
  }
end

function request()
  -- an empty pool means an earlier answer failed; the request then fails too and is counted
  local token = table.remove(pool) or "spent"
  return wrk.format("POST", nil, headers, "grant_type=refresh_token&refresh_token=" .. token)
end

function response(status, headers, body)
  local token = body:match('"refresh_token":"([^"]+)"')
  if token then
    table.insert(pool, token)
  end
end
