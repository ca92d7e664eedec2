#!/usr/bin/env bash
# Latency of the analysts' pages on loopback: imports every corpus record as a pending
# submission (real postmortems, scrubbed on import) on top of N published demo reports,
# signs an analyst in with curl, then times the queue and the review screen of each
# submission (curl's time_total, release build). Prints p50/p90/max per page.
#
#   scripts/review-latency.sh [PUBLISHED_REPORTS] [REVIEWS]
set -euo pipefail
cd "$(dirname "$0")/.."
published=${1:-10000}
reviews=${2:-200}
port=${REVIEW_PORT:-18081}
corpus=../shared/corpus

cargo build --release -q -p registry
bin=target/release/registry
data=$(mktemp -d /tmp/registry-review.XXXXXX)
trap 'kill $server 2>/dev/null && wait $server 2>/dev/null; rm -rf "$data"' EXIT
export REGISTRY_DATA_DIR=$data REGISTRY_ADDR=127.0.0.1:$port REGISTRY_LOG=warn
base=http://127.0.0.1:$port

$bin seed-demo --count "$published" >/dev/null
for file in "$corpus"/*.jsonl; do $bin import "$file" >/dev/null; done
echo 'review latency passphrase' | $bin create-analyst bench >/dev/null
$bin serve &
server=$!
until curl -sf "$base/healthz" >/dev/null; do sleep 0.2; done
until curl -sf "$base/api/v1/search?per_page=1" | grep -q "\"total\":$published"; do sleep 1; done

jar=$data/cookies
token=$(curl -sf -c "$jar" "$base/mod/login" | sed -n 's/.*name="form_token" value="\([^"]*\)".*/\1/p')
curl -sf -c "$jar" -o /dev/null --data-urlencode name=bench \
  --data-urlencode 'password=review latency passphrase' --data-urlencode "form_token=$token" \
  "$base/mod/login"
ids=$(for page in $(seq 1 20); do curl -sf -b "$jar" "$base/mod/queue?page=$page"; done |
  grep -o 'href="/mod/reports/[0-9a-z]\{16\}"' | sed 's/.*reports\/\([0-9a-z]*\)"/\1/' |
  awk -v n="$reviews" 'NR <= n')
echo "load average: $(cut -d" " -f1-3 /proc/loadavg); $(echo "$ids" | wc -l) submissions under review, $published published"

stats() { sort -n | awk '{a[NR]=$1} END {printf "n=%d p50=%.1f ms p90=%.1f ms max=%.1f ms\n", NR, a[int(NR*0.5)+1]*1000, a[int(NR*0.9)+1]*1000, a[NR]*1000}'; }
echo -n "queue page (50 rows):  "
for _ in $(seq 1 50); do curl -s -b "$jar" -o /dev/null -w '%{time_total}\n' "$base/mod/queue"; done | stats
echo -n "review screen:         "
for id in $ids; do curl -s -b "$jar" -o /dev/null -w '%{time_total}\n' "$base/mod/reports/$id"; done | stats
