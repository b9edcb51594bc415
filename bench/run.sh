#!/usr/bin/env bash
# The load harness: builds Sluice and the harness, then measures Sluice (memory and Redis engines),
# ElasticMQ and a bare Vert.x server (the ceiling) for SQS, kinesalite and kinesis-mock (installed
# with npm into bench/peers the first time) for Kinesis, and moto_server (if on PATH) for Firehose,
# which delivers into S3Proxy run inside the harness, side by side, each warmed until its rate is
# stable, and writes the tables into README.md ("Benchmark").
#
#   bench/run.sh [--name=value ...]      e.g. bench/run.sh --servers=memory,elasticmq --scenarios=a,b
#   bench/run.sh --help                  lists every setting (each also readable from BENCH_NAME)
#
# BENCH_SKIP_BUILD=1 reuses the jars already built. BENCH_CLIENT_JVM_OPTS sets the load client's flags.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
  :
elif command -v java >/dev/null && [ "$(java_major "$(command -v java)")" -ge 21 ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
else
  JAVA_HOME=""
  for dir in /usr/lib/jvm/*; do
    if [ -x "$dir/bin/java" ] && [ -x "$dir/bin/jcmd" ] && [ "$(java_major "$dir/bin/java")" -ge 21 ]; then
      JAVA_HOME="$dir"
      break
    fi
  done
  if [ -z "$JAVA_HOME" ]; then
    echo "No JDK 21 or newer found; install one and set JAVA_HOME." >&2
    exit 1
  fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

for arg in "$@"; do
  if [ "$arg" = "--help" ]; then
    BENCH_SKIP_BUILD="${BENCH_SKIP_BUILD:-1}"
  fi
done

if [ "${BENCH_SKIP_BUILD:-0}" != "1" ] || [ ! -f bench/harness/target/sluice-bench.jar ]; then
  echo "Building Sluice and the harness with $JAVA_HOME …"
  mvn -q -B -ntp package -DskipTests
  mvn -q -B -ntp -f bench/pom.xml package
fi

exec "$JAVA_HOME/bin/java" ${BENCH_CLIENT_JVM_OPTS:--Xmx1g -XX:+UseParallelGC} \
  -cp "bench/harness/target/sluice-bench.jar:bench/harness/target/lib/*" \
  io.sluice.bench.Bench --repo="$ROOT" --command="bench/run.sh" "$@"
