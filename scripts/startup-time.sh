#!/usr/bin/env bash
# Measures start-up to first answered SQS request: launches `java -jar target/sluice.jar` on the
# in-memory store, waits for its "Sluice listening" line, sends CreateQueue (query protocol) with
# curl, and prints the time from launch to that answer and the CPU time the JVM used until then
# (less noisy than wall time on a busy machine). Repeats RUNS times (default 5), prints the median.
# Usage: scripts/startup-time.sh [RUNS]   (build first: mvn -q package -DskipTests)
# JAVA_OPTS adds JVM options, JAR names another jar, PORT the first port to use; LAUNCHER=bin/sluice
# starts the node through the launcher (and its ahead-of-time cache) instead of `java -jar`.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
base_port="${PORT:-45660}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
results=()
for ((i = 1; i <= runs; i++)); do
  port=$((base_port + i))   # a fresh port per run: the previous node's socket may linger
  : > "$log"
  start=$(date +%s%N)
  if [ -n "${LAUNCHER:-}" ]; then
    SLUICE_PORT="$port" SLUICE_HOST=127.0.0.1 "$LAUNCHER" >"$log" 2>&1 &
  else
    SLUICE_PORT="$port" SLUICE_HOST=127.0.0.1 "$java" ${JAVA_OPTS:-} -jar "${JAR:-target/sluice.jar}" >"$log" 2>&1 &
  fi
  pid=$!
  deadline=$((start + 30000000000))
  until grep -q "Sluice listening" "$log"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run $i: the node exited before listening:" >&2
      cat "$log" >&2
      exit 1
    fi
    if [ "$(date +%s%N)" -gt "$deadline" ]; then
      echo "run $i: not listening within 30 s" >&2
      kill "$pid"
      exit 1
    fi
    sleep 0.01
  done
  code=$(curl -s -m 10 -o /dev/null -w '%{http_code}' -d 'Action=CreateQueue&QueueName=startup' "http://127.0.0.1:$port/")
  ms=$((($(date +%s%N) - start) / 1000000))
  read -r -a stat < "/proc/$pid/stat"
  cpu_ms=$(((stat[13] + stat[14]) * 1000 / $(getconf CLK_TCK)))
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  if [ "$code" != 200 ]; then
    echo "run $i: CreateQueue answered $code" >&2
    exit 1
  fi
  results+=("$ms")
  echo "run $i: ${ms} ms (cpu ${cpu_ms} ms)"
done
sorted=($(printf '%s\n' "${results[@]}" | sort -n))
echo "median: ${sorted[$((runs / 2))]} ms (of $runs runs)"
