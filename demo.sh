#!/usr/bin/env bash
# The demo: starts the test app with the agent, drives a few scenarios over real HTTP, and prints
# the agent's diagnosis. Builds the jars first if they are missing.
set -euo pipefail
cd "$(dirname "$0")"
AGENT=agent/target/sre-agent.jar
APP=agent-test-app/target/agent-test-app.jar
[[ -f $AGENT && -f $APP ]] || mvn -B -q package -DskipTests

work=$(mktemp -d -t sre-agent-demo-XXXX)
# Short thresholds so that a one-minute demo shows what a service would show over hours.
java -javaagent:"$AGENT"=report.dir="$work/reports",evaluate.interval=1s,jdbc.leak.threshold=3s,jdbc.stack=always \
     -jar "$APP" --port 0 >"$work/app.out" 2>"$work/app.err" &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT

for _ in $(seq 1 300); do
  port=$(sed -n 's/.*listening on port \([0-9]*\).*/\1/p' "$work/app.out")
  [[ -n $port ]] && break
  kill -0 $pid 2>/dev/null || { cat "$work/app.err"; exit 1; }
  sleep 0.1
done
[[ -n ${port:-} ]] || { echo "the test app did not start"; cat "$work/app.err"; exit 1; }

# Plain bash HTTP, so the demo needs nothing but a JDK and Maven.
get() {
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$1" >&3
  head -1 <&3 | tr -d '\r'
  exec 3<&-
}

echo "== test app pid $pid on port $port, agent reports in $work/reports"
echo "== 200 healthy requests: GET /orders and /orders/{id}"
for i in $(seq 1 100); do get /orders >/dev/null; get "/orders/$i" >/dev/null; done
echo "== GET /leak-connection?n=2&hold=true (two connections never closed): $(get '/leak-connection?n=2&hold=true')"
echo "== 3 x GET /slow-query?ms=1200 (a 1.2 s statement)"
for _ in 1 2 3; do get '/slow-query?ms=1200' >/dev/null; done
echo "== 25 x GET /error (the handler throws)"
for _ in $(seq 1 25); do get /error >/dev/null; done
echo "== GET /deadlock: $(get /deadlock)"
sleep 5
echo "== the agent's diagnosis (java -jar $AGENT report $pid), findings first; the metrics follow in the file:"
echo
java -jar "$AGENT" report "$pid" --format text --out "$work/report.txt" >/dev/null
sed '/^metrics:$/q' "$work/report.txt"
echo "(full report with metrics: $work/report.txt)"
echo
echo "== report files written so far:"
ls -1 "$work/reports"
