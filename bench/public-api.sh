#!/usr/bin/env bash
# Load test of the public, cacheable answers, beside nginx serving the same bytes as static files (same machine,
# same run), bounded in time.
#
#   BENCH_URL=http://127.0.0.1:8080 bench/public-api.sh   # a running instance with a public appeal
#   bench/public-api.sh                                   # starts target/mitzeichnen-*.jar with its demo appeals
#
# Environment: SLUG (default migration-als-chance), DURATION (seconds per run, default 10), CONNECTIONS (64),
# THREADS (2), PORT (18090, for the started app), NGINX_PORT (18091), JAR.
# Targets (issue 11): count endpoint ≥ 20,000 requests/s with p99 < 50 ms; appeal page ≥ 0.5 × nginx.
# Needs wrk and nginx (apt-get install -y wrk nginx-light); nginx runs as this script's own process on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."

SLUG="${SLUG:-migration-als-chance}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
PORT="${PORT:-18090}"
NGINX_PORT="${NGINX_PORT:-18091}"
NGINX="${NGINX:-/usr/sbin/nginx}"
APP_PID=""
NGINX_PID=""
WORK="$(mktemp -d "${TMPDIR:-/tmp}/mitzeichnen-public-bench.XXXXXX")"

cleanup() {
  for pid in "$NGINX_PID" "$APP_PID"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
[[ -x "$NGINX" ]] || { echo "nginx is missing at $NGINX (apt-get install -y nginx-light)" >&2; exit 2; }

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
  echo "Starting $JAR on port $PORT with the demo appeals (data in $WORK) ..."
  MITZEICHNEN_PORT="$PORT" MITZEICHNEN_DATA_DIR="$WORK/data" MITZEICHNEN_DEMO=true \
    java -Xmx512m -jar "$JAR" >"$WORK/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 240); do
    if curl -fsS "$URL/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then echo "The application ended; its log:" >&2; cat "$WORK/app.log" >&2; exit 1; fi
    sleep 0.5
  done
  curl -fsS "$URL/health" >/dev/null || { echo "The application did not become healthy in 120 s" >&2; exit 1; }
fi

# The same bytes for nginx: whatever the application answers right now.
mkdir -p "$WORK/www/api" "$WORK/www/page" "$WORK/tmp"
curl -fsS "$URL/api/v1/appeals/$SLUG" -o "$WORK/www/api/count.json"
curl -fsS "$URL/aufrufe/$SLUG" -o "$WORK/www/page/appeal.html"
curl -fsS "$URL/aufrufe/$SLUG/unterstuetzer" -o "$WORK/www/page/supporters.html"
echo "Sizes: count $(wc -c <"$WORK/www/api/count.json") B, appeal page $(wc -c <"$WORK/www/page/appeal.html") B," \
  "supporters page $(wc -c <"$WORK/www/page/supporters.html") B"
echo "Headers of the count endpoint:"
curl -fsS -D - -o /dev/null "$URL/api/v1/appeals/$SLUG" | grep -iE '^(cache-control|etag|access-control|set-cookie)' | sed 's/^/  /'
echo "Appeal page sets a cookie: $(curl -fsS -D - -o /dev/null "$URL/aufrufe/$SLUG" | grep -ci '^set-cookie' || true)"

cat >"$WORK/nginx.conf" <<NGINX
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
    location /api/ { default_type application/json; add_header Cache-Control "public, max-age=5"; }
    location /page/ { default_type text/html; add_header Cache-Control "public, max-age=5"; }
  }
}
NGINX
chmod -R a+rX "$WORK"  # nginx workers run as an unprivileged user
"$NGINX" -p "$WORK" -c "$WORK/nginx.conf" &
NGINX_PID=$!
for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$NGINX_PORT/api/count.json" >/dev/null 2>&1 && break; sleep 0.1; done

run() { # name url
  local out rps p99
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$2" 2>&1)
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '%-34s %10s req/s   p50 %8s   p99 %8s   %s\n' "$1" "$rps" "$p50" "$p99" "${non2xx:+non-2xx: $non2xx}"
  echo "$rps" >"$WORK/rps-$3"
}

echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, app, database, nginx and wrk on this machine:"
run "count endpoint (app)" "$URL/api/v1/appeals/$SLUG" api
run "count JSON (nginx, same bytes)" "http://127.0.0.1:$NGINX_PORT/api/count.json" nginx-api
run "appeal page (app)" "$URL/aufrufe/$SLUG" page
run "appeal page (nginx, same bytes)" "http://127.0.0.1:$NGINX_PORT/page/appeal.html" nginx-page
run "supporters page (app)" "$URL/aufrufe/$SLUG/unterstuetzer" supporters
run "supporters page (nginx, same bytes)" "http://127.0.0.1:$NGINX_PORT/page/supporters.html" nginx-supporters
ratio() { awk -v a="$(cat "$WORK/rps-$1")" -v b="$(cat "$WORK/rps-$2")" 'BEGIN { printf "%.2f", a / b }'; }
echo "app / nginx: count $(ratio api nginx-api)×, appeal page $(ratio page nginx-page)×, supporters page $(ratio supporters nginx-supporters)×"
