#!/usr/bin/env bash
# Fuzzes the JSON API from its own OpenAPI document with schemathesis (PyPI) against a real
# server on loopback with demo data, and fails on any 5xx answer.
#
#   scripts/api-fuzz.sh [MAX_EXAMPLES]
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-100}
port=${FUZZ_PORT:-18081}
command -v schemathesis >/dev/null || pip install -q schemathesis
cargo build -q -p registry
data=$(mktemp -d /tmp/registry-fuzz.XXXXXX)
REGISTRY_DATA_DIR=$data REGISTRY_ADDR=127.0.0.1:$port REGISTRY_LOG=warn target/debug/registry serve --demo --demo-count 50 &
server=$!
trap 'kill $server 2>/dev/null && wait $server 2>/dev/null; rm -rf "$data"' EXIT
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.5; done
schemathesis run "http://127.0.0.1:$port/api/v1/openapi.json" --checks not_a_server_error --max-examples "$examples"
