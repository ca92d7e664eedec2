-- wrk script: search API requests that share neither the result cache nor the counts cache
-- (two terms drawn from a list, joined by AND or OR, a drawn filter and half the time a year:
-- about 140,000 combinations, so nearly every request is a new query). Used by
-- scripts/loadtest.sh.
local terms = {"certificate", "replication", "disk", "dns", "timeout", "deploy", "rollback",
  "cache", "kafka", "postgres", "redis", "nginx", "kubernetes", "memory", "latency", "queue",
  "failover", "config", "expired", "outage", "alert", "backup", "index", "migration", "quota",
  "throttling", "network", "partition", "leader", "election", "lock", "deadlock", "retry",
  "storm", "capacity", "cpu", "load", "balancer", "tls", "token", "secret", "rotation",
  "cron", "clock", "leap", "schema", "vacuum", "replica", "lag", "connection"}
local filters = {"", "&industry=software", "&technology=postgresql", "&pattern=dns",
  "&severity=major"}
math.randomseed(os.time())
request = function()
  local a = terms[math.random(#terms)]
  local b = terms[math.random(#terms)]
  local join = "+"
  if math.random() < 0.3 then join = "+OR+" end
  local year = ""
  if math.random() < 0.5 then year = "&year=" .. math.random(2015, 2025) end
  local path = "/api/v1/search?q=" .. a .. join .. b .. filters[math.random(#filters)] .. year
  return wrk.format("GET", path)
end
