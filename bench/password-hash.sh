#!/usr/bin/env bash
# Prints how long an Argon2id hash and check take with the console's production parameters.
# Usage: bench/password-hash.sh [memoryKiB=19456] [iterations=2] [rounds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeArtifactIds=password4j,slf4j-api >/dev/null
java -cp "$(cat "$cp_file")" bench/PasswordHashBench.java "$@"
