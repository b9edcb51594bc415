#!/usr/bin/env bash
# Measures start-up to first answered SQS request: launches `java -jar target/sluice.jar` on the
# in-memory store, polls CreateQueue (query protocol) with curl every 10 ms until it answers 200, prints the time from
# launch (and the CPU time the JVM used until then), and stops the node. Repeats RUNS times (default 5) and prints each figure and the median.
# Usage: scripts/startup-time.sh [RUNS]   (build first: mvn -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
port="${PORT:-45660}"
results=()
for ((i = 1; i <= runs; i++)); do
  start=$(date +%s%N)
  SLUICE_PORT="$port" SLUICE_HOST=127.0.0.1 "$java" ${JAVA_OPTS:-} -jar "${JAR:-target/sluice.jar}" >/dev/null 2>&1 &
  pid=$!
  deadline=$((start + 30000000000))
  until [ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' -d 'Action=CreateQueue&QueueName=startup' "http://127.0.0.1:$port/" 2>/dev/null)" = 200 ]; do
    if [ "$(date +%s%N)" -gt "$deadline" ] || ! kill -0 "$pid" 2>/dev/null; then
      echo "run $i: no answer within 30 s" >&2
      kill "$pid" 2>/dev/null || true
      exit 1
    fi
    sleep 0.01
  done
  ms=$((($(date +%s%N) - start) / 1000000))
  # CPU the JVM burned until then (user + system, all threads): less noisy than wall time on a busy machine.
  read -r -a stat < "/proc/$pid/stat"
  cpu_ms=$(((stat[13] + stat[14]) * 1000 / $(getconf CLK_TCK)))
  results+=("$ms")
  echo "run $i: ${ms} ms (cpu ${cpu_ms} ms)"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
done
sorted=($(printf '%s\n' "${results[@]}" | sort -n))
echo "median: ${sorted[$((runs / 2))]} ms (of $runs runs)"
