#!/usr/bin/env bash
# Requests/s and p99 of the public appeal page and the count endpoint (/api/v1/appeals/SLUG) with 0, 100,000 and
# 1,000,000 signatures, in one run, each beside
# nginx serving the same bytes as a static file (the limit; target: the page at >= 0.5x nginx at every size, and
# at 1,000,000 >= 0.8x the 0-signature figure).
#
#   ./mvnw -B package -DskipTests && bench/appeal-page.sh
#   SIZES="0 100000" DURATION=10 bench/appeal-page.sh      # a shorter run
#
# Needs wrk, nginx (/usr/sbin/nginx, nginx-light; run as this script's own process on loopback) and a MySQL/MariaDB with the mysql client (default root@127.0.0.1:3306, no password). The script
# creates (and drops again) the database BENCH_DB (default mz_page_bench), starts the jar on PORT against it,
# creates one appeal, and per phase seeds signatures with SQL (bench/appeal-page-seed.sql), waits until the
# service's recount has brought the aggregate up to date (at most AGGREGATE_WAIT seconds), saves the page's bytes for
# nginx, warms both up for WARMUP seconds and loads each for DURATION seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-0 100000 1000000}"
DURATION="${DURATION:-15}"
PORT="${PORT:-18091}"
CONNECTIONS="${CONNECTIONS:-20}"
WARMUP="${WARMUP:-3}"
AGGREGATE_WAIT="${AGGREGATE_WAIT:-300}"
NGINX="${NGINX:-/usr/sbin/nginx}"
NGINX_PORT="${NGINX_PORT:-18092}"
NGINX_PID=""
WORK="$(mktemp -d "${TMPDIR:-/tmp}/appeal-page-bench.XXXXXX")"
DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-3306}"
DB_USER="${DB_USER:-root}"
DB_PASSWORD="${DB_PASSWORD:-}"
BENCH_DB="${BENCH_DB:-mz_page_bench}"
APP_PID=""
LOG="$(mktemp "${TMPDIR:-/tmp}/appeal-page-bench.XXXXXX.log")"

sql() { MYSQL_PWD="$DB_PASSWORD" mysql -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" --batch --skip-column-names "$@"; }

cleanup() {
  if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  if [[ -z "${KEEP_DB:-}" ]]; then sql -e "DROP DATABASE IF EXISTS \`$BENCH_DB\`" || true; fi
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
[[ -x "$NGINX" ]] || { echo "nginx is missing at $NGINX (apt-get install -y nginx-light)" >&2; exit 2; }
JAR="${JAR:-$(ls target/mitzeichnen-*.jar 2>/dev/null | grep -v original | head -1 || true)}"
[[ -n "$JAR" && -f "$JAR" ]] || { echo "No jar: run ./mvnw -B package -DskipTests first (or set JAR)." >&2; exit 2; }

sql -e "DROP DATABASE IF EXISTS \`$BENCH_DB\`; CREATE DATABASE \`$BENCH_DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
URL="http://127.0.0.1:${PORT}"
echo "Starting $JAR on port $PORT against $BENCH_DB (log: $LOG) ..."
# the recount (10 min in production) runs every RECOUNT_INTERVAL here, so that the seeded signatures reach the
# aggregate; each run reads every signature, so a short interval also loads the database while the page is measured
DATASOURCES_DEFAULT_URL="jdbc:mysql://${DB_HOST}:${DB_PORT}/${BENCH_DB}?sslMode=DISABLED&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true" \
DATASOURCES_DEFAULT_USERNAME="$DB_USER" DATASOURCES_DEFAULT_PASSWORD="$DB_PASSWORD" \
MITZEICHNEN_PORT="$PORT" MITZEICHNEN_DEMO=false \
  java -Xmx768m -Dmitzeichnen.support.recount-interval="${RECOUNT_INTERVAL:-20s}" -Dmitzeichnen.support.recount-initial-delay=1s \
  -jar "$JAR" >"$LOG" 2>&1 &
APP_PID=$!
for _ in $(seq 1 240); do
  if curl -fsS "$URL/health" >/dev/null 2>&1; then break; fi
  kill -0 "$APP_PID" 2>/dev/null || { echo "The application ended; its log:" >&2; cat "$LOG" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "$URL/health" >/dev/null || { echo "The application did not become healthy in 120 s" >&2; exit 1; }

SLUG="bench-aufruf"
APPEAL=$(sql "$BENCH_DB" -e "
  INSERT INTO organiser (name, kind, contact_email, created_at, updated_at)
  VALUES ('Bench-Stadt', 'CITY', 'bench@example.org', NOW(6), NOW(6));
  INSERT INTO appeal (organiser_id, slug, title, addressee, body_markdown, contact_email, opens_at, deadline,
                      grace_seconds, status, allowed_roles, publish_names, goal, created_at, updated_at, version)
  VALUES (LAST_INSERT_ID(), '$SLUG', 'Benchmark-Aufruf', 'an alle', 'Text des Aufrufs.', 'bench@example.org',
          NOW(6) - INTERVAL 1 DAY, NOW(6) + INTERVAL 30 DAY, 86400, 'OPEN',
          'COUNCILLOR,MAYOR,OTHER', TRUE, NULL, NOW(6), NOW(6), 0);
  SELECT LAST_INSERT_ID();")
PAGE="$URL/aufrufe/$SLUG"
curl -fsS -o /dev/null "$PAGE" || { echo "The appeal page does not answer: $PAGE" >&2; exit 1; }

mkdir -p "$WORK/www" "$WORK/tmp"
cat >"$WORK/nginx.conf" <<NGINX_CONF
daemon off;
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/tmp/body;
  proxy_temp_path $WORK/tmp/proxy;
  fastcgi_temp_path $WORK/tmp/fastcgi;
  uwsgi_temp_path $WORK/tmp/uwsgi;
  scgi_temp_path $WORK/tmp/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    location / { default_type text/html; add_header Cache-Control "public, max-age=5"; }
  }
}
NGINX_CONF
chmod -R a+rX "$WORK"  # nginx workers run as an unprivileged user
"$NGINX" -p "$WORK" -c "$WORK/nginx.conf" &
NGINX_PID=$!

load() { # url -> "rps p50 p99"
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" "$1" >/dev/null 2>&1 || true
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1")
  printf '%s %s %s' "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1 == "50%" {print $2}' <<<"$out")" \
    "$(awk '$1 == "99%" {print $2}' <<<"$out")"
}

echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)," \
  "wrk -t2 -c$CONNECTIONS -d${DURATION}s after ${WARMUP}s warm-up, nginx: 1 worker, same bytes"
printf '\n%-11s %8s %10s %9s %9s   %10s %9s %9s   %8s  %s\n' "signatures" "bytes" "page req/s" "p50" "p99" \
  "nginx r/s" "p50" "p99" "ratio" "page shows"
seeded=0
zero_rps=""
mid_rps=""
for size in $SIZES; do
  if (( size > seeded )); then
    started=$(date +%s)
    sql "$BENCH_DB" -e "SET @appeal = $APPEAL, @from = $seeded, @to = $size; SOURCE bench/appeal-page-seed.sql;"
    seeded=$size
    # the public count includes the 70 % on an official domain once the recount has run
    expected=$(sql "$BENCH_DB" -e "SELECT COUNT(*) FROM signature WHERE appeal_id = $APPEAL AND trust <> 'EMAIL_ONLY'")
    for _ in $(seq 1 "$AGGREGATE_WAIT"); do
      got=$(sql "$BENCH_DB" -e "SELECT COALESCE(MAX(signatures), 0) FROM appeal_support WHERE appeal_id = $APPEAL")
      [[ "$got" == "$expected" ]] && break
      sleep 1
    done
    echo "(seeded $size in $(( $(date +%s) - started )) s, aggregate at $got of $expected)" >&2
    sleep 2  # let the render cache's entry from before the seeding expire
  fi
  curl -fsS "$PAGE" -o "$WORK/www/page-$size.html"
  shows=$(grep -o '<span class="n">[^<]*</span>' "$WORK/www/page-$size.html" | sed 's/<[^>]*>//g' | tr '\n' ' ')
  read -r rps p50 p99 <<<"$(load "$PAGE")"
  read -r nrps np50 np99 <<<"$(load "http://127.0.0.1:$NGINX_PORT/page-$size.html")"
  ratio=$(awk -v a="$rps" -v b="$nrps" 'BEGIN { if (b > 0) printf "%.3fx", a / b; else print "-" }')
  [[ -z "$zero_rps" ]] && zero_rps=$rps
  [[ "$size" == 100000 ]] && mid_rps=$rps
  printf '%-11s %8s %10s %9s %9s   %10s %9s %9s   %8s  %s\n' "$size" "$(wc -c <"$WORK/www/page-$size.html")" \
    "$rps" "$p50" "$p99" "$nrps" "$np50" "$np99" "$ratio" "$shows"
  # the count endpoint of the open API, the same way (its JSON beside nginx serving the same bytes)
  curl -fsS "$URL/api/v1/appeals/$SLUG" -o "$WORK/www/count-$size.json"
  read -r crps cp50 cp99 <<<"$(load "$URL/api/v1/appeals/$SLUG")"
  read -r cnrps cnp50 cnp99 <<<"$(load "http://127.0.0.1:$NGINX_PORT/count-$size.json")"
  cratio=$(awk -v a="$crps" -v b="$cnrps" 'BEGIN { if (b > 0) printf "%.3fx", a / b; else print "-" }')
  printf '%-11s %8s %10s %9s %9s   %10s %9s %9s   %8s  %s\n' "$size count" "$(wc -c <"$WORK/www/count-$size.json")" \
    "$crps" "$cp50" "$cp99" "$cnrps" "$cnp50" "$cnp99" "$cratio" "(count endpoint, goal >= 20000 req/s)"
  last_rps=$rps
done
echo
echo "page at the largest size / page at the first size: $(awk -v a="$last_rps" -v b="$zero_rps" 'BEGIN { printf "%.2fx", a / b }')" \
  "(target at 1,000,000 vs 0: >= 0.8x)${mid_rps:+; vs 100,000 (same page size): $(awk -v a="$last_rps" -v b="$mid_rps" 'BEGIN { printf "%.2fx", a / b }')}"
echo "load average now $(cut -d' ' -f1-3 /proc/loadavg)"
