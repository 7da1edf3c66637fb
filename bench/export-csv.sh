#!/usr/bin/env bash
# Benchmark: export 1,000,000 signatures of one appeal as CSV; prints time and heap.
# Uses the MariaDB/MySQL on 127.0.0.1:3306 (database mitzeichnen_bench, created here) and a small heap (-Xmx256m)
# to show that memory stays flat. Usage: bench/export-csv.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
db=mitzeichnen_export_bench  # its own: bench/run.sh drops and recreates mitzeichnen_bench
mariadb --protocol=TCP -h127.0.0.1 -uroot -e "CREATE DATABASE IF NOT EXISTS ${db} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
export BENCH_DB_URL="jdbc:mysql://127.0.0.1:3306/${db}?sslMode=DISABLED&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
java -Xmx256m -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  -Dlogback.configurationFile=src/main/resources/logback.xml \
  de.mitzeichnen.bench.ExportCsvBenchmark "$rows"
