#!/usr/bin/env bash
# Start-up of the smoke app with and without the agent: time from launch to the first HTTP 200 and the
# classes loaded by then, in alternating runs (so a machine that slows down hurts both sides alike).
# Usage: smoke-tests/startup.sh [runs per side, default 3] [java, default the one on PATH]
# Needs the packaged jars: mvn -B -q install -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
JAVA=${2:-java}
JDK_BIN=$(dirname "$(readlink -f "$(command -v "$JAVA")")")
APP=smoke-tests/target/smoke-app.jar
AGENT=agent/target/sre-agent.jar
PORT=18231
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

one() { # $1 = none|agent; prints "ms classes"
  local args=(-Xmx256m)
  [ "$1" = agent ] && args+=("-javaagent:$AGENT=report.dir=$WORK/reports")
  local t0 t1 pid code
  t0=$(date +%s%N)
  "$JAVA" "${args[@]}" -jar "$APP" --port "$PORT" >"$WORK/$1.log" 2>&1 &
  pid=$!
  until code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/owners/1") && [ "$code" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "the app died:" >&2; tail -20 "$WORK/$1.log" >&2; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s%N)
  local classes
  classes=$("$JDK_BIN/jstat" -class "$pid" | awk 'NR==2 {print $1}')
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(( (t1 - t0) / 1000000 )) $classes"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

: >"$WORK/none"; : >"$WORK/agent"
for i in $(seq 1 "$RUNS"); do
  for side in none agent; do
    r=$(one "$side"); echo "run $i $side: ${r% *} ms to first 200, ${r#* } classes loaded"
    echo "$r" >>"$WORK/$side"
  done
done
for side in none agent; do
  echo "$side: median $(cut -d' ' -f1 "$WORK/$side" | median) ms to first 200, median $(cut -d' ' -f2 "$WORK/$side" | median) classes"
done
