#!/usr/bin/env bash
# Figures for the mail path: template rendering, enqueue latency, time from enqueue to the SMTP server's mailbox,
# and dispatch throughput with one and three dispatchers. Real database (TEST_DB_URL, else Testcontainers or
# embedded MariaDB) and a real SMTP server (GreenMail on loopback).
#   bench/mail-dispatch.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test -Dtest=MailDispatchBench -Dsurefire.failIfNoSpecifiedTests=false
grep -h '^\[bench\]' target/surefire-reports/de.mitzeichnen.mail.MailDispatchBench-output.txt
