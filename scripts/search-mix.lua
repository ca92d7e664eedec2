-- wrk script: varied search API requests, used by scripts/loadtest.sh. Two mixes:
--   default (SEARCH_MIX unset): a term from a list, sometimes two, a random page, sometimes a
--     filter, so that most requests miss the result cache (pages and sorts of one query share
--     its cached counts, as a reader paging through results does);
--   SEARCH_MIX=fresh: two terms joined by AND or OR, a filter and half the time a year (about
--     140,000 combinations), so that nearly every request is a new query and misses every cache.
local terms = {"certificate", "replication", "disk", "dns", "timeout", "deploy", "rollback",
  "cache", "kafka", "postgres", "redis", "nginx", "kubernetes", "memory", "latency", "queue",
  "failover", "config", "expired", "outage", "alert", "backup", "index", "migration", "quota",
  "throttling", "network", "partition", "leader", "election", "lock", "deadlock", "retry",
  "storm", "capacity", "cpu", "load", "balancer", "tls", "token", "secret", "rotation",
  "cron", "clock", "leap", "schema", "vacuum", "replica", "lag", "connection"}
local fresh = os.getenv("SEARCH_MIX") == "fresh"
local filters = {"", "", "&industry=software", "&technology=postgresql", "&pattern=dns",
  "&sort=newest"}
if fresh then
  filters = {"", "&industry=software", "&technology=postgresql", "&pattern=dns", "&severity=major"}
end
math.randomseed(os.time())

local function term()
  return terms[math.random(#terms)]
end

request = function()
  local path
  if fresh then
    local join = "+"
    if math.random() < 0.3 then join = "+OR+" end
    local year = ""
    if math.random() < 0.5 then year = "&year=" .. math.random(2015, 2025) end
    path = "/api/v1/search?q=" .. term() .. join .. term() .. filters[math.random(#filters)] .. year
  else
    local q = term()
    if math.random() < 0.3 then q = q .. "+" .. term() end
    path = "/api/v1/search?q=" .. q .. "&page=" .. math.random(1, 20) ..
      filters[math.random(#filters)]
  end
  return wrk.format("GET", path)
end
