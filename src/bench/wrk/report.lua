-- Shared by the grant scripts: after a run, one line that load.sh reads.
-- RESULT <requests/s> <p50 ms> <p99 ms> <failed requests>
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local failed = e.connect + e.read + e.write + e.timeout + e.status
  io.write(string.format("RESULT %.1f %.3f %.3f %d\n", summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, failed))
end
