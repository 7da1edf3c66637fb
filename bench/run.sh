#!/usr/bin/env bash
# One command for the benchmarks of issue 14: builds the jar, starts it against the local MariaDB, runs the load
# from a second process and prints ONE table, each figure beside its limit measured in the same run.
#
#   bench/run.sh                          # every phase
#   bench/run.sh startup search page      # only these phases (in this order)
#
# Phases (each bounded in time; DURATION seconds of load per measurement, default 10):
#   startup  start-up of the jar on the external MariaDB: first (migrates, loads the register) and later
#   search   municipality search p99 at about 200 req/s (wrk, paced by bench/search.lua), and its saturation
#   page     appeal page req/s and p99 (wrk), beside nginx serving the same bytes as a static file
#   count    count endpoint (COUNT_PATH) req/s and p99, beside nginx; skipped while the route answers 404
#   sign     sign submissions/s, p50/p99 after SIGN_WARMUP (120) s of the same load (bench/Load.java: GET the page,
#            POST the form), beside the same two INSERTs per transaction over plain JDBC (bench/RawInsert.java)
#   busy     a fresh start, then signing clients at once on one instance (default pool 10, workers 20): BUSY_START (20)
#            connections in the first DURATION seconds after /health said UP, then 40 and 80 (BUSY_CONNS); counts
#            5xx answers and whether each 503 carried Retry-After (goal: none at 40; at 80 at most 503 + Retry-After)
#   confirm  confirmations/s: GET and POST the confirmation links the sign phase queued (taken from the outbox)
#   countload the count endpoint (wrk) while bench/Load.java submits 200 signatures/s
#   rss      resident memory of the application after the phases before it (under load if run after sign)
#   mailload the app sends into bench/SmtpSink.java while signing at full rate: mails/s, submission -> arrival p99
#   outbox   bench/mail-dispatch.sh (outbox into GreenMail: mails/s idle, enqueue -> arrival)
#   sizes    bench/appeal-page.sh: appeal page and count endpoint at 0, 100,000 and 1,000,000 signatures, beside nginx
#   alliance the alliance page with 1,000 members and 100 appeals (bench/alliance-seed.sql), beside nginx serving the
#            same bytes, and the appeal page measured the same way right before it: the same budget (>= 0.5x nginx);
#            also one render of the alliance page (a render-cache miss) and the members API
#   export   bench/export-csv.sh (CSV and XLSX of EXPORT_ROWS signatures, default 1,000,000: time and peak heap,
#            beside the export's query alone)
#   embedded the -embedded jar (if built with ./mvnw package -Pembedded-jar): first start and a later one
#   mnrun    `./mvnw mn:run` as the README says: first (compiles, creates the embedded database) and later
#
# Environment: DURATION, CONNS (sign connections, default 16), PORT (18090), NGINX_PORT (18091), BENCH_DB
# (database on 127.0.0.1:3306, default mitzeichnen_bench, dropped and created here), NO_BUILD=1 (use the jar in
# target/), and the routes: APPEAL (slug, default the demo appeal migration-als-chance), PAGE_PATH, COUNT_PATH,
# SEARCH_PATH; JAR (default: the one in target/); KEEP=1 keeps the logs (app, wrk, nginx) in the temporary directory. Needs wrk (/usr/bin/wrk), nginx (/usr/sbin/nginx, for the static-file limit), curl, mariadb client.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-10}"
CONNS="${CONNS:-16}"
SIGN_WARMUP="${SIGN_WARMUP:-120}"
PORT="${PORT:-18090}"
NGINX_PORT="${NGINX_PORT:-18091}"
DB="${BENCH_DB:-mitzeichnen_bench}"
APPEAL="${APPEAL:-migration-als-chance}"
PAGE_PATH="${PAGE_PATH:-/aufrufe/${APPEAL}}"
COUNT_PATH="${COUNT_PATH:-/api/v1/appeals/${APPEAL}}"
SEARCH_PATH="${SEARCH_PATH:-/api/v1/municipalities?q=Frankfurt&limit=10}"
EXPORT_ROWS="${EXPORT_ROWS:-1000000}"
PHASES=("$@")
[[ ${#PHASES[@]} -gt 0 ]] || PHASES=(startup search page count sign busy confirm countload rss mailload outbox sizes alliance export embedded mnrun)

BASE="http://127.0.0.1:${PORT}"
DB_URL="jdbc:mysql://127.0.0.1:3306/${DB}?sslMode=DISABLED&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/mitzeichnen-bench.XXXXXX")"
RESULTS="$WORK/results.tsv"
APP_PID=""
NGINX_PID=""
MVN_PID=""
: >"$RESULTS"

log() { echo "[bench] $*" >&2; }
row() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$RESULTS"; }   # what, figure, beside it (limit / goal)
sql() { mariadb --protocol=TCP -h127.0.0.1 -P3306 -uroot -N -B -e "$1"; }

descendants() { local p; for p in $(pgrep -P "$1" 2>/dev/null || true); do descendants "$p"; echo "$p"; done; }
stop_pid() {  # a process this script started, and the processes it started
  local pid="$1" kids
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kids="$(descendants "$pid")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$pid" $kids 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop_pid "$APP_PID"; stop_pid "$NGINX_PID"; stop_pid "$MVN_PID"
  sql "DROP DATABASE IF EXISTS ${DB}" >/dev/null 2>&1 || true
  if [[ "${KEEP:-}" == 1 ]]; then log "kept $WORK (logs)"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
await_health() {  # $1 pid, $2 timeout seconds; prints ms until /health answered 200
  local started="$3"
  for _ in $(seq 1 $(( $2 * 10 ))); do
    if curl -fsS -o /dev/null "$BASE/health" 2>/dev/null; then ms_since "$started"; return 0; fi
    kill -0 "$1" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

fresh_db() { sql "DROP DATABASE IF EXISTS ${DB}; CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"; DB_FRESH=1; }

STARTUP_MS=""
start_app() {  # starts the jar on the bench database (not in a subshell: APP_PID must stay set); STARTUP_MS
  local started; started=$(date +%s%N)
  DATASOURCES_DEFAULT_URL="$DB_URL" DATASOURCES_DEFAULT_USERNAME=root DATASOURCES_DEFAULT_PASSWORD= \
    MITZEICHNEN_PORT="$PORT" MITZEICHNEN_DEMO=true MITZEICHNEN_BASE_URL="$BASE" \
    MITZEICHNEN_SIGN_LIMIT="${MITZEICHNEN_SIGN_LIMIT:-off}" MITZEICHNEN_SIGN_DOMAIN_LIMIT="${MITZEICHNEN_SIGN_DOMAIN_LIMIT:-off}" \
    MITZEICHNEN_CONFIRM_LIMIT="${MITZEICHNEN_CONFIRM_LIMIT:-off}" \
    java -Xmx512m -jar "$JAR" >>"$WORK/app.log" 2>&1 &
  APP_PID=$!
  if curl -fsS -o /dev/null "$BASE/health" 2>/dev/null; then log "port $PORT is taken by another process"; exit 1; fi
  STARTUP_MS=$(await_health "$APP_PID" 120 "$started") \
    || { log "the application did not start; its log:"; tail -40 "$WORK/app.log" >&2; exit 1; }
}
DB_FRESH=""
ensure_app() {  # the first start of a run gets a new database; later ones keep what the phases before left
  if [[ -z "$APP_PID" ]] || ! kill -0 "$APP_PID" 2>/dev/null; then
    [[ -n "$DB_FRESH" ]] || fresh_db
    start_app
  fi
}

start_nginx() {  # serves $WORK/www on NGINX_PORT, as this user's own process
  [[ -n "$NGINX_PID" ]] && return 0
  command -v /usr/sbin/nginx >/dev/null || { log "nginx missing: no static-file limit"; return 1; }
  mkdir -p "$WORK/nginx/logs" "$WORK/www"
  chmod 755 "$WORK" "$WORK/www"
  cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes $(nproc);
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body; proxy_temp_path $WORK/nginx/proxy; fastcgi_temp_path $WORK/nginx/fcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi; scgi_temp_path $WORK/nginx/scgi;
  types { text/html html; application/json json; }
  sendfile on; keepalive_requests 100000;
  server { listen 127.0.0.1:${NGINX_PORT}; root $WORK/www; }
}
CONF
  /usr/sbin/nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" 2>>"$WORK/nginx/logs/error.log" &
  NGINX_PID=$!
  for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:${NGINX_PORT}/" 2>/dev/null && break; curl -s -o /dev/null "http://127.0.0.1:${NGINX_PORT}/x" && break; sleep 0.1; done
}

wrk_run() {  # $1 url, $2 connections, [$3 lua script]; prints "req/s p99"
  local out
  if [[ -n "${3:-}" ]]; then out=$(timeout $((DURATION + 30)) wrk -t2 -c"$2" -d"${DURATION}s" --timeout 10s --latency -s "$3" "$1")
  else out=$(timeout $((DURATION + 30)) wrk -t2 -c"$2" -d"${DURATION}s" --timeout 10s --latency "$1"); fi
  echo "$out" >>"$WORK/wrk.log"
  local rps p50 p99 non2xx timeouts
  rps=$(awk '/Requests\/sec/{printf "%.0f", $2}' <<<"$out")
  p50=$(awk '/Latency Distribution/{f=1} f && $1=="50%"{print $2; exit}' <<<"$out")
  p99=$(awk '/Latency Distribution/{f=1} f && $1=="99%"{print $2; exit}' <<<"$out")
  non2xx=$(awk '/Non-2xx/{print $NF}' <<<"$out")
  timeouts=$(awk '/Socket errors/{gsub(",", ""); print $NF}' <<<"$out")
  [[ "${timeouts:-0}" == 0 ]] && timeouts=""
  echo "${rps} req/s, p50 ${p50}, p99 ${p99}${non2xx:+, non-2xx ${non2xx}}${timeouts:+, ${timeouts} timeouts (over 10 s)}"
}

# ---- phases -------------------------------------------------------------------------------------------------------

phase_startup() {
  stop_pid "$APP_PID"; APP_PID=""
  # The lean jar without a database URL must stop at once and say what to set.
  local said; said=$(cd "$WORK" && env -u DATASOURCES_DEFAULT_URL MITZEICHNEN_PORT="$PORT" timeout 120 java -jar "$JAR" 2>&1 \
    | grep -m1 -o "No database is configured: set DATASOURCES_DEFAULT_URL" || true)
  [[ -n "$said" ]] && said="stops: „${said} …“" || said="DID NOT STOP WITH THE MESSAGE"
  row "jar ($(du -m "$JAR" | cut -f1) MB) without DATASOURCES_DEFAULT_URL" "$said" "no embedded binaries in the jar"
  fresh_db
  local first
  start_app; first="$STARTUP_MS"; stop_pid "$APP_PID"; APP_PID=""
  start_app
  row "start-up, external MariaDB, first (migrate, register, demo)" "${first} ms" "until /health 200"
  row "start-up, external MariaDB, later" "${STARTUP_MS} ms" "until /health 200"
}

phase_search() {
  ensure_app
  local path="${SEARCH_PATH%%\?*}"
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE$SEARCH_PATH")" == 404 ]]; then row "municipality search" "skipped: $path answers 404" ""; return; fi
  PACE_MS=0 timeout 30 wrk -t2 -c8 -d3s -s bench/search.lua "$BASE" >/dev/null   # warm-up
  row "municipality search at ~200 req/s (10 conn, 50 ms pause)" "$(PACE_MS=50 wrk_run "$BASE" 10 bench/search.lua)" "goal p99 < 20 ms"
  row "municipality search, saturated (32 conn)" "$(PACE_MS=0 wrk_run "$BASE" 32 bench/search.lua)" ""
}

static_beside() {  # $1 label, $2 path on the app, $3 file name; measures the app and nginx with the same bytes
  local code
  code=$(curl -s -o "$WORK/body" -w '%{http_code}' "$BASE$2")
  if [[ "$code" == 404 ]]; then row "$1" "skipped: $2 answers 404 (set the path variable when the route exists)" ""; return; fi
  if [[ "$code" != 200 ]]; then row "$1" "skipped: $2 answers $code" ""; return; fi
  start_nginx || true
  cp "$WORK/body" "$WORK/www/$3"
  chmod 644 "$WORK/www/$3"
  timeout 30 wrk -t2 -c16 -d3s "$BASE$2" >/dev/null   # warm-up
  local app static
  app=$(wrk_run "$BASE$2" 32)
  static=$(wrk_run "http://127.0.0.1:${NGINX_PORT}/$3" 32)
  row "$1 ($(wc -c <"$WORK/body") bytes, 32 conn)" "$app" "nginx, same bytes: $static"
}

signatures() { sql "SELECT COUNT(*) FROM ${DB}.signature" 2>/dev/null || echo "?"; }

phase_page() {
  ensure_app
  static_beside "appeal page, $(signatures) signatures" "$PAGE_PATH" page.html
}

phase_count() {
  ensure_app
  static_beside "count endpoint, $(signatures) signatures" "$COUNT_PATH" count.json
}

rps_of() { awk '{print $1}' <<<"$1"; }   # "12345 req/s, p50 …" -> 12345

phase_alliance() {  # the alliance page at 1,000 members and 100 appeals, in the appeal page's budget
  ensure_app
  local path="/buendnisse/bench-buendnis" code
  if [[ "$(sql "SELECT COUNT(*) FROM ${DB}.alliance WHERE slug = 'bench-buendnis'")" == 0 ]]; then
    mariadb --protocol=TCP -h127.0.0.1 -P3306 -uroot "$DB" <bench/alliance-seed.sql
  fi
  code=$(curl -s -o "$WORK/alliance.html" -w '%{http_code}' "$BASE$path")
  if [[ "$code" != 200 ]]; then row "alliance page" "skipped: $path answers $code" ""; return; fi
  local members appeals
  members=$(sql "SELECT COUNT(*) FROM ${DB}.alliance_member m JOIN ${DB}.alliance a ON a.id = m.alliance_id WHERE a.slug = 'bench-buendnis'")
  appeals=$(grep -o '<li><a href="/aufrufe/bench-buendnis-aufruf-' "$WORK/alliance.html" | wc -l)
  # one render of each page, as after each render-cache window: median of 7 misses, 2 s apart, after 20 warm-up
  # renders (the JIT compiles the templates' paths first)
  render_ms() {
    local t times=() i
    for i in $(seq 1 20); do curl -s -o /dev/null "$BASE$1"; sleep 0.1; done
    for i in 1 2 3 4 5 6 7; do
      sleep 2
      times+=("$(curl -s -o /dev/null -w '%{time_total}' "$BASE$1")")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 4p | awk '{printf "%.0f ms", $1 * 1000}'
  }
  local render appeal_render
  appeal_render=$(render_ms "$PAGE_PATH")
  render=$(render_ms "$path")
  start_nginx || true
  cp "$WORK/alliance.html" "$WORK/www/alliance.html"; chmod 644 "$WORK/www/alliance.html"
  curl -s -o "$WORK/www/appeal.html" "$BASE$PAGE_PATH"; chmod 644 "$WORK/www/appeal.html"
  timeout 30 wrk -t2 -c16 -d3s "$BASE$PAGE_PATH" >/dev/null
  local app_page app_nginx page nginx
  app_page=$(wrk_run "$BASE$PAGE_PATH" 32)
  app_nginx=$(wrk_run "http://127.0.0.1:${NGINX_PORT}/appeal.html" 32)
  timeout 30 wrk -t2 -c16 -d3s "$BASE$path" >/dev/null
  page=$(wrk_run "$BASE$path" 32)
  nginx=$(wrk_run "http://127.0.0.1:${NGINX_PORT}/alliance.html" 32)
  local ratio appeal_ratio
  ratio=$(awk -v a="$(rps_of "$page")" -v b="$(rps_of "$nginx")" 'BEGIN { printf "%.2fx", a / b }')
  appeal_ratio=$(awk -v a="$(rps_of "$app_page")" -v b="$(rps_of "$app_nginx")" 'BEGIN { printf "%.2fx", a / b }')
  row "appeal page, same run ($(wc -c <"$WORK/www/appeal.html") bytes, 32 conn)" "$app_page" "nginx, same bytes: $app_nginx ($appeal_ratio); goal >= 0.5x"
  row "alliance page, $members members, $appeals appeals ($(wc -c <"$WORK/alliance.html") bytes, 32 conn)" "$page" "nginx, same bytes: $nginx ($ratio); goal as the appeal page: >= 0.5x"
  row "alliance page, one render (render-cache miss, median of 7)" "$render" "the appeal page's render, same run: $appeal_render; kept 1.5 s: one render per window and language"
  local api="/api/v1/alliances/bench-buendnis/members?since=2019-01-01"
  curl -s -o /dev/null "$BASE$api"
  row "alliance members API, $members members (32 conn)" "$(wrk_run "$BASE$api" 32)" ""
}

connector_jar() { ls ~/.m2/repository/com/mysql/mysql-connector-j/*/mysql-connector-j-*.jar 2>/dev/null | grep -v sources | sort -V | tail -1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
all_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; }

SIGN_WARMED=""
warm_sign() {  # the JIT compiles for about a minute under this load; figures before that measure the compiler
  [[ -n "$SIGN_WARMED" ]] && return 0
  timeout $((SIGN_WARMUP + 60)) java bench/Load.java sign "$BASE" "$APPEAL" "$CONNS" "$SIGN_WARMUP" >/dev/null
  SIGN_WARMED=1
  wait_outbox_empty 120 >/dev/null || true
}

phase_sign() {
  ensure_app
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE$PAGE_PATH")" != 200 ]]; then row "sign submissions" "skipped: $PAGE_PATH is not 200" ""; return; fi
  warm_sign
  local app raw a0 d0 t0 a1 d1 t1 dbpid
  dbpid=$(pgrep -o mariadbd || pgrep -o mysqld || echo "")
  a0=$(cpu_ticks "$APP_PID"); d0=$(cpu_ticks "${dbpid:-0}"); t0=$(all_ticks)
  app=$(timeout $((DURATION + 60)) java bench/Load.java sign "$BASE" "$APPEAL" "$CONNS" "$DURATION")
  a1=$(cpu_ticks "$APP_PID"); d1=$(cpu_ticks "${dbpid:-0}"); t1=$(all_ticks)
  local split="CPU of both cores: app $(( (a1 - a0) * 100 / (t1 - t0) ))%, database $(( (d1 - d0) * 100 / (t1 - t0) ))%, the rest load generator and kernel"
  raw=$(timeout $((DURATION + 60)) java -cp "$(connector_jar)" bench/RawInsert.java "$DB_URL" root "" "$CONNS" "$DURATION")
  row "sign submissions (GET page + POST form, $CONNS conn, after ${SIGN_WARMUP} s warm-up)" "$app; $split" "plain JDBC, same 2 INSERTs/commit: $raw; goal >= 1500/s, p99 < 100 ms, >= 0.5x plain JDBC"
}

phase_busy() {  # many signers at once on one instance: a busy pool must not look like a dead database
  stop_pid "$APP_PID"; APP_PID=""; SIGN_WARMED=""
  local from conns out busy down
  from=$(( $(wc -l 2>/dev/null <"$WORK/app.log" || echo 0) + 1 ))
  ensure_app
  for conns in "${BUSY_START:-20}" ${BUSY_CONNS:-40 80}; do
    out=$(timeout $((DURATION + 60)) java bench/Load.java sign "$BASE" "$APPEAL" "$conns" "$DURATION")
    local label="sign, $conns clients at once"
    [[ "$conns" == "${BUSY_START:-20}" ]] && label="sign, $conns clients at once in the first ${DURATION} s after the start"
    row "$label (pool ${MITZEICHNEN_DB_POOL_SIZE:-10}, workers ${MITZEICHNEN_WORKER_THREADS:-20})" "$out" "goal: http_5xx=0 up to 40 clients; beyond, only 503 with Retry-After"
  done
  busy=$(tail -n +"$from" "$WORK/app.log" | grep -c "Database busy" || true)
  down=$(tail -n +"$from" "$WORK/app.log" | grep -c "Database unavailable" || true)
  row "log lines 'Database busy' / 'Database unavailable' in the phase" "$busy / $down" "healthy database: never 'unavailable'"
}

pending_mails() { sql "SELECT COUNT(*) FROM ${DB}.outbox_message WHERE status IN ('PENDING', 'SENDING')" 2>/dev/null || echo "?"; }
wait_outbox_empty() {  # $1 seconds at most; prints the seconds it took
  local t; t=$(date +%s)
  for _ in $(seq 1 $(( $1 * 4 ))); do
    [[ "$(pending_mails)" == 0 ]] && { echo $(( $(date +%s) - t )); return 0; }
    sleep 0.25
  done
  return 1
}

phase_mailload() {  # the outbox into a local SMTP server while sign submissions run at full rate
  stop_pid "$APP_PID"; APP_PID=""; SIGN_WARMED=""
  local sink_port=$((PORT + 25)) arrivals="$WORK/arrivals.txt" submitted="$WORK/submitted.txt" sink
  java bench/SmtpSink.java "$sink_port" "$arrivals" >"$WORK/sink.log" 2>&1 &
  sink=$!
  for _ in $(seq 1 100); do grep -q listening "$WORK/sink.log" 2>/dev/null && break; sleep 0.1; done
  MITZEICHNEN_SMTP_HOST=127.0.0.1 MITZEICHNEN_SMTP_PORT="$sink_port" MITZEICHNEN_SMTP_SECURITY=none ensure_app
  warm_sign
  local start_ms end_ms drain out
  start_ms=$(date +%s%3N)
  out=$(LOAD_SUBMITTED="$submitted" timeout $((DURATION + 60)) java bench/Load.java sign "$BASE" "$APPEAL" "$CONNS" "$DURATION")
  end_ms=$(date +%s%3N)
  drain=$(wait_outbox_empty 300) || drain="over 300"
  stop_pid "$sink"
  stop_pid "$APP_PID"; APP_PID=""; SIGN_WARMED=""   # the next phases get the dev mailbox again
  # arrival minus submission per address of the measured run (the warm-up's mails are not among them)
  awk 'NR == FNR { at[$1] = $2; next } ($1 in at) { print $2 - at[$1], $2 }' "$submitted" "$arrivals" | sort -n >"$WORK/latency.txt"
  local n in_run last p50 p99 figures
  n=$(wc -l <"$WORK/latency.txt")
  if (( n == 0 )); then figures="no mail of the run arrived"; else
    in_run=$(awk -v e="$end_ms" '$2 <= e' "$WORK/latency.txt" | wc -l)
    last=$(awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { print m }' "$WORK/latency.txt")
    p50=$(sed -n "$(( n / 2 + 1 ))p" "$WORK/latency.txt" | cut -d' ' -f1)
    p99=$(sed -n "$(( n * 99 / 100 + 1 ))p" "$WORK/latency.txt" | cut -d' ' -f1)
    figures=$(awk -v n="$n" -v r="$in_run" -v s="$start_ms" -v e="$end_ms" -v l="$last" -v a="$p50" -v b="$p99" 'BEGIN {
      printf "%d mails of the run arrived, %.0f mails/s during it, the last %.1f s after its end; submission -> arrival p50 %d ms, p99 %d ms", n, r / ((e - s) / 1000), (l - e) / 1000, a, b }')
  fi
  row "outbox into a local SMTP server (bench/SmtpSink.java) while signing at full rate" "signing: $out; mails: $figures; queue empty ${drain} s after the run" "goal >= 200 mails/s, p99 < 5 s"
}

phase_countload() {  # the count endpoint while 200 signatures/s are being submitted (issue: transparency under press traffic)
  ensure_app
  warm_sign
  local bg="$WORK/countload-sign.txt" count
  timeout $((DURATION + 70)) java bench/Load.java sign "$BASE" "$APPEAL" 8 $((DURATION + 4)) 200 >"$bg" &
  local signer=$!
  sleep 2
  count=$(wrk_run "$BASE$COUNT_PATH" 32)
  wait "$signer" || true
  row "count endpoint while 200 signatures/s are submitted (32 conn)" "$count; meanwhile signing: $(cat "$bg")" "goal >= 20000 req/s, p99 < 50 ms"
}

phase_sizes() {  # appeal page and count endpoint at 0, 100,000 and 1,000,000 signatures (bench/appeal-page.sh)
  stop_pid "$APP_PID"; APP_PID=""; SIGN_WARMED=""
  local out
  out=$(DURATION="$DURATION" PORT=$((PORT + 2)) NGINX_PORT=$((NGINX_PORT + 2)) timeout 1800 bench/appeal-page.sh 2>&1 || true)
  echo "$out" >"$WORK/sizes.txt"
  while read -r size kind rest; do
    [[ "$size" =~ ^[0-9]+$ ]] || continue
    if [[ "$kind" == count ]]; then
      set -- $rest
      row "count endpoint, $size signatures ($1 bytes, 20 conn)" "$2 req/s, p50 $3, p99 $4" "nginx, same bytes: $5 req/s, p99 $7 ($8); goal >= 20000 req/s"
    else
      set -- $rest
      row "appeal page, $size signatures ($kind bytes, 20 conn)" "$1 req/s, p50 $2, p99 $3" "nginx, same bytes: $4 req/s, p99 $6 ($7); goal >= 0.5x"
    fi
  done <<<"$out"
  row "appeal page, largest vs first size" "$(grep -o 'page at the largest size.*' <<<"$out" | head -1)" "goal >= 0.8x"
}

phase_confirm() {  # confirms what the sign phase left pending; the links come from the dev mailbox's outbox rows
  ensure_app
  local links="$WORK/links.txt"
  sql "SELECT text_body FROM ${DB}.outbox_message WHERE kind = 'signing.signature-confirm' ORDER BY id" 2>/dev/null \
    | grep -o '/bestaetigen/[A-Za-z0-9_-]*' | sort -u >"$links" || true
  local before; before=$(sql "SELECT COUNT(*) FROM ${DB}.signature WHERE status = 'CONFIRMED'" 2>/dev/null || echo 0)
  if [[ ! -s "$links" ]]; then row "confirmations" "skipped: no pending confirmation links (run the sign phase first)" ""; return; fi
  local out; out=$(timeout $((DURATION + 60)) java bench/Load.java confirm "$BASE" "$links" "$CONNS" "$DURATION")
  local after; after=$(sql "SELECT COUNT(*) FROM ${DB}.signature WHERE status = 'CONFIRMED'" 2>/dev/null || echo "?")
  row "confirmations (GET link + POST, $CONNS conn, $(wc -l <"$links") links)" "$out; confirmed rows ${before} -> ${after}" ""
}

phase_rss() {
  ensure_app
  local kb; kb=$(awk '/VmRSS/{print $2}' "/proc/$APP_PID/status")
  local hwm; hwm=$(awk '/VmHWM/{print $2}' "/proc/$APP_PID/status")
  row "application RSS now / peak (-Xmx512m)" "$((kb / 1024)) MB / $((hwm / 1024)) MB" "after: ${PHASES[*]}"
}

phase_export() {
  local out; out=$(timeout 1500 bench/export-csv.sh "$EXPORT_ROWS" 2>&1 || true)
  echo "$out" >"$WORK/export.txt"
  local csv xlsx
  csv=$(grep -E "^round 2: .* CSV " <<<"$out" | sed 's/^round 2: //' || true)
  xlsx=$(grep -E "^round 2: .* XLSX " <<<"$out" | sed 's/^round 2: //' || true)
  [[ -z "$xlsx" ]] && xlsx=$(grep -m1 -E "OutOfMemoryError|Exception" <<<"$out" || echo "failed, see bench/export-csv.sh")
  local query; query=$(grep -E "^query 2: " <<<"$out" | sed 's/^query 2: //' || true)
  row "CSV export, $EXPORT_ROWS signatures (-Xmx256m, second round)" "${csv:-failed, see bench/export-csv.sh}" "the export's query alone: ${query:-?}; goal <= 10 s in 256 MB"
  row "XLSX export, $EXPORT_ROWS signatures (-Xmx256m, second round)" "$xlsx" "the export's query alone: ${query:-?}; goal <= 30 s"
}

phase_outbox() {
  local out; out=$(timeout 900 bench/mail-dispatch.sh 2>&1 | grep '^\[bench\]' | tr '\n' ' ' || true)
  row "outbox into GreenMail, idle" "${out:-failed, see bench/mail-dispatch.sh}" "goal >= 200 mails/s"
}

phase_embedded() {  # the -embedded jar (./mvnw package -Pembedded-jar): first start and a later one on the same data
  local emb; emb="$(ls target/mitzeichnen-*-embedded.jar 2>/dev/null | head -1 || true)"
  if [[ -z "$emb" ]]; then row "start-up, embedded MariaDB (java -jar …-embedded.jar)" "skipped: build it with ./mvnw package -Pembedded-jar" ""; return; fi
  stop_pid "$APP_PID"; APP_PID=""
  local data="$WORK/embedded-data" t ms first=""
  for attempt in first later; do
    t=$(date +%s%N)
    env -u DATASOURCES_DEFAULT_URL MITZEICHNEN_PORT="$PORT" MITZEICHNEN_DATA_DIR="$data" java -Xmx512m -jar "$emb" >>"$WORK/embedded.log" 2>&1 &
    APP_PID=$!
    ms=$(await_health "$APP_PID" 240 "$t") || ms="did not start (see log)"
    stop_pid "$APP_PID"; APP_PID=""
    [[ "$attempt" == first ]] && first="$ms"
  done
  row "start-up, embedded MariaDB from the -embedded jar, first (unpack, create, migrate, register, demo)" "${first} ms" "until /health 200"
  row "start-up, embedded MariaDB from the -embedded jar, later (data kept)" "${ms} ms" "until /health 200"
}

phase_mnrun() {
  stop_pid "$APP_PID"; APP_PID=""
  local data="$WORK/mnrun-data" t first later
  for attempt in first later; do
    [[ "$attempt" == first ]] && rm -rf target/classes   # the first start compiles, as on a fresh checkout
    t=$(date +%s%N)
    MITZEICHNEN_PORT="$PORT" MITZEICHNEN_DATA_DIR="$data" ./mvnw -B mn:run >>"$WORK/mnrun.log" 2>&1 &
    MVN_PID=$!
    if ms=$(await_health "$MVN_PID" 240 "$t"); then :; else ms="did not start (see log)"; tail -30 "$WORK/mnrun.log" >&2; fi
    stop_pid "$MVN_PID"; MVN_PID=""
    [[ "$attempt" == first ]] && first="$ms" || later="$ms"
  done
  row "./mvnw mn:run, first (compile, create embedded DB, register, demo)" "${first} ms" "until /health 200"
  row "./mvnw mn:run, later (data kept)" "${later} ms" "until /health 200"
}

# ---- run ----------------------------------------------------------------------------------------------------------

needs_wrk=""; for p in "${PHASES[@]}"; do case "$p" in search|page|count|countload|sizes|alliance) needs_wrk=wrk;; esac; done
for tool in $needs_wrk curl mariadb java; do command -v "$tool" >/dev/null || { log "missing: $tool"; exit 2; }; done
sql "SELECT 1" >/dev/null || { log "no MariaDB on 127.0.0.1:3306 (start-stop-daemon --start --background --exec /usr/sbin/mariadbd)"; exit 2; }
if [[ "${NO_BUILD:-}" != 1 ]]; then log "building the jar (./mvnw package -DskipTests)"; ./mvnw -B -q package -DskipTests >/dev/null; fi
JAR="$(readlink -f "${JAR:-$(ls target/mitzeichnen-*.jar | grep -v -e original -e embedded | head -1)}")"  # absolute: some phases run elsewhere

settings=$(sql "SELECT CONCAT(@@version, ', innodb_flush_log_at_trx_commit=', @@innodb_flush_log_at_trx_commit, ', sync_binlog=', @@sync_binlog, ', log_bin=', @@log_bin, ', innodb_buffer_pool_size=', ROUND(@@innodb_buffer_pool_size/1048576), ' MB, innodb_doublewrite=', @@innodb_doublewrite)")
for p in "${PHASES[@]}"; do
  declare -F "phase_$p" >/dev/null || { log "unknown phase: $p"; exit 2; }
  log "phase $p"
  "phase_$p"
done

echo
echo "Mitzeichnen benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')"
echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM, load average $(cut -d' ' -f1-3 /proc/loadavg); app, database and load generator on the same machine"
echo "Database: MariaDB ${settings}; $(java -version 2>&1 | head -1); jar $(du -m "$JAR" | cut -f1) MB; ${DURATION} s per measurement"
echo
echo "| measurement | figure | beside it (limit or goal, same run) |"
echo "|---|---|---|"
awk -F'\t' '{printf "| %s | %s | %s |\n", $1, $2, $3}' "$RESULTS"
