#!/usr/bin/env bash
# HTTP load test of search on loopback: seeds N synthetic reports into a scratch data directory,
# starts the release server, waits until everything is indexed, then drives the search API and
# the search page with wrk (Debian package `wrk`). Prints wrk's figures for each URL.
#
#   scripts/loadtest.sh [REPORTS] [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
reports=${1:-100000}
seconds=${2:-20}
connections=${3:-32}
port=${LOADTEST_PORT:-18080}
command -v wrk >/dev/null || { echo "install wrk first: apt-get install wrk" >&2; exit 1; }

cargo build --release -q -p registry
bin=target/release/registry
data=$(mktemp -d /tmp/registry-loadtest.XXXXXX)
trap 'kill $server 2>/dev/null && wait $server 2>/dev/null; rm -rf "$data"' EXIT
export REGISTRY_DATA_DIR=$data REGISTRY_ADDR=127.0.0.1:$port REGISTRY_LOG=warn

start=$(date +%s)
$bin seed-demo --count "$reports" >/dev/null
echo "seeded $reports reports in $(( $(date +%s) - start )) s"
echo "load average before the run: $(cut -d" " -f1-3 /proc/loadavg)"

start=$(date +%s)
$bin serve &
server=$!
until curl -sf "http://127.0.0.1:$port/api/v1/search?per_page=1" | grep -q "\"total\":$reports"; do sleep 1; done
echo "indexed $reports reports in $(( $(date +%s) - start )) s (including start-up)"

for path in \
  "/api/v1/search?q=certificate" \
  "/api/v1/search?q=%22primary+database%22&industry=software" \
  "/api/v1/search?q=replication+lag&technology=postgresql&sort=newest" \
  "/api/v1/search?q=" \
  "/search?q=certificate+expired" \
  "/technologies/postgresql" \
  "/patterns/dns" \
  "/technologies" \
  "/api/v1/technologies/kubernetes" \
  "/healthz"; do
  echo
  echo "== GET $path ($connections connections, ${seconds}s)"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$port$path" \
    | grep -E 'Latency|50%|90%|99%|Requests/sec|requests in|Non-2xx'
done

for mix in varied fresh; do
  echo
  case $mix in
    varied) echo "== GET /api/v1/search, varied terms, pages and filters (scripts/search-mix.lua: mostly result-cache misses)" ;;
    fresh) echo "== GET /api/v1/search, a new query nearly every time (SEARCH_MIX=fresh scripts/search-mix.lua: misses every cache)" ;;
  esac
  SEARCH_MIX=$mix wrk -t2 -c"$connections" -d"${seconds}s" --latency -s scripts/search-mix.lua "http://127.0.0.1:$port" \
    | grep -E 'Latency|50%|90%|99%|Requests/sec|requests in|Non-2xx'
done
