-- wrk reports median and 95th percentile latency (microseconds) on its last line.
done = function(summary, latency, requests)
  io.write(string.format("AULA-LATENCY p50=%d p95=%d\n", latency:percentile(50), latency:percentile(95)))
end
