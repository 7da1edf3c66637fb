#!/usr/bin/env bash
# Load test of the municipality search (GET /api/v1/municipalities) on 127.0.0.1, bounded in time.
#
#   bench/search.sh                      # starts target/mitzeichnen-*.jar (./mvnw package -DskipTests first)
#   BENCH_URL=http://127.0.0.1:8080 bench/search.sh    # uses a running instance instead
#
# Environment: DURATION (seconds per phase, default 20), PORT (default 18089), JAR, and for the started app
# DATASOURCES_DEFAULT_URL/USERNAME/PASSWORD (default: database mitzeichnen_bench_search on the MariaDB at
# 127.0.0.1:3306, created and dropped here; the packaged jar carries no embedded database).
# Phase 1 holds about 200 requests/s (the target: p99 < 20 ms); phase 2 measures the most the machine serves.
# Uses wrk (apt-get install -y wrk); without it a small Java load generator (bench/SearchLoad.java).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-20}"
PORT="${PORT:-18089}"
APP_PID=""
DATA_DIR=""

cleanup() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  if [[ -n "$DATA_DIR" ]]; then
    rm -rf "$DATA_DIR"
  fi
  if [[ -n "${CREATED_DB:-}" ]]; then
    mariadb --protocol=TCP -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS ${CREATED_DB}" || true
  fi
}
trap cleanup EXIT

if [[ -n "${BENCH_URL:-}" ]]; then
  URL="${BENCH_URL%/}"
  case "$URL" in
    http://127.0.0.1:*|http://localhost:*) ;;
    *) echo "BENCH_URL must point to 127.0.0.1 or localhost (this script loads only the local machine)" >&2; exit 2 ;;
  esac
else
  JAR="${JAR:-$(ls target/mitzeichnen-*.jar 2>/dev/null | grep -v original | head -1 || true)}"
  if [[ -z "$JAR" || ! -f "$JAR" ]]; then
    echo "No application jar: run ./mvnw -B package -DskipTests first, or set JAR or BENCH_URL." >&2
    exit 2
  fi
  URL="http://127.0.0.1:${PORT}"
  DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/mitzeichnen-bench.XXXXXX")"
  if [[ -z "${DATASOURCES_DEFAULT_URL:-}" ]]; then
    CREATED_DB=mitzeichnen_bench_search
    mariadb --protocol=TCP -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS ${CREATED_DB}; CREATE DATABASE ${CREATED_DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    export DATASOURCES_DEFAULT_URL="jdbc:mysql://127.0.0.1:3306/${CREATED_DB}?sslMode=DISABLED&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
    export DATASOURCES_DEFAULT_USERNAME=root DATASOURCES_DEFAULT_PASSWORD=
  fi
  echo "Starting $JAR on port $PORT ..."
  started=$(date +%s%N)
  MITZEICHNEN_PORT="$PORT" MITZEICHNEN_DATA_DIR="$DATA_DIR/data" MITZEICHNEN_DEMO=false \
    java -Xmx512m -jar "$JAR" >"$DATA_DIR/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 240); do
    if curl -fsS "$URL/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then echo "The application ended; its log:" >&2; cat "$DATA_DIR/app.log" >&2; exit 1; fi
    sleep 0.5
  done
  curl -fsS "$URL/health" >/dev/null || { echo "The application did not become healthy in 120 s" >&2; exit 1; }
  echo "Up after $(( ($(date +%s%N) - started) / 1000000 )) ms."
  grep -o "Loaded the municipality register.*" "$DATA_DIR/app.log" | head -1 || true
fi

# Sanity check: the answer is what people expect.
first=$(curl -fsS "$URL/api/v1/municipalities?q=Frankfurt&limit=2")
echo "q=Frankfurt -> $first"

# Warm-up, so that the figures show the steady state rather than the JIT compiler.
if command -v wrk >/dev/null 2>&1; then
  PACE_MS=0 wrk -t2 -c8 -d5s -s bench/search.lua "$URL" >/dev/null

  report() {  # $1 = label, $2 = wrk output
    local p50 p99 rps errors
    p50=$(awk '/Latency Distribution/{f=1} f && $1=="50%"{print $2; exit}' <<<"$2")
    p99=$(awk '/Latency Distribution/{f=1} f && $1=="99%"{print $2; exit}' <<<"$2")
    rps=$(awk '/Requests\/sec/{print $2}' <<<"$2")
    errors=$(awk '/Non-2xx/{print $NF}' <<<"$2")
    printf '%-34s p50 %-9s p99 %-9s %s req/s  non-2xx: %s\n' "$1" "$p50" "$p99" "$rps" "${errors:-0}"
  }

  # 10 connections, each pausing 50 ms between requests: about 200 requests/s.
  paced=$(PACE_MS=50 wrk -t2 -c10 -d"${DURATION}s" --latency -s bench/search.lua "$URL")
  throughput=$(PACE_MS=0 wrk -t2 -c32 -d"${DURATION}s" --latency -s bench/search.lua "$URL")
  echo
  echo "GET /api/v1/municipalities, ${DURATION} s per phase, wrk on 127.0.0.1 ($(nproc) cores shared with the server)"
  report "~200 req/s (10 conn, 50 ms pause)" "$paced"
  report "max throughput (32 conn)" "$throughput"
else
  echo "wrk not installed: using bench/SearchLoad.java"
  java bench/SearchLoad.java "$URL" 100 5 >/dev/null
  echo
  echo "GET /api/v1/municipalities, 200 req/s for ${DURATION} s (open loop):"
  java bench/SearchLoad.java "$URL" 200 "$DURATION"
  echo "1000 req/s for ${DURATION} s (open loop):"
  java bench/SearchLoad.java "$URL" 1000 "$DURATION"
fi
