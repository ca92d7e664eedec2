-- wrk script: varied search API requests (a term from a list, a random page, sometimes a
-- filter), so that most requests miss the result cache. Used by scripts/loadtest.sh.
local terms = {"certificate", "replication", "disk", "dns", "timeout", "deploy", "rollback",
  "cache", "kafka", "postgres", "redis", "nginx", "kubernetes", "memory", "latency", "queue",
  "failover", "config", "expired", "outage", "alert", "backup", "index", "migration", "quota",
  "throttling", "network", "partition", "leader", "election", "lock", "deadlock", "retry",
  "storm", "capacity", "cpu", "load", "balancer", "tls", "token", "secret", "rotation",
  "cron", "clock", "leap", "schema", "vacuum", "replica", "lag", "connection"}
local filters = {"", "", "&industry=software", "&technology=postgresql", "&pattern=dns",
  "&sort=newest"}
math.randomseed(os.time())
request = function()
  local q = terms[math.random(#terms)]
  if math.random() < 0.3 then q = q .. "+" .. terms[math.random(#terms)] end
  local path = "/api/v1/search?q=" .. q .. "&page=" .. math.random(1, 20) ..
    filters[math.random(#filters)]
  return wrk.format("GET", path)
end
