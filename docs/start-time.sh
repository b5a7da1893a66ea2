#!/usr/bin/env bash
# Start-up benchmark (docs/BENCHMARKS.md, "Start-up, JVM options"): the jar's `serve` over a few issue
# files against the simulator, from `java` to the "admin API listening" line, with and without an
# AppCDS archive and C1-only compilation; ROUNDS rounds (default 3), each option once per round.
# Needs the jar: ./mvnw -B -q package -DskipTests. Run: bash docs/start-time.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/engine/target/roadmap-sync.jar"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
java -jar "$jar" github-sim --port 0 --token tok --repo o/r > "$work/sim.log" 2>&1 &
until grep -qo 'http://127.0.0.1:[0-9]*' "$work/sim.log"; do sleep 0.2; done
sim="$(grep -o 'http://127.0.0.1:[0-9]*' "$work/sim.log" | head -1)"
mkdir -p "$work/roadmap/.roadmap/issues/backlog"
for i in 1 2 3 4 5; do
  printf -- '---\nid: st00000%s\ntitle: Start %s\nstatus: todo\npriority: high\nissue_type: feature\n---\n\nBody.\n' \
    "$i" "$i" > "$work/roadmap/.roadmap/issues/backlog/st00000$i-start.md"
done
export ROADMAP_DIR="$work/roadmap/.roadmap" ROADMAP_SYNC_HTTP_PORT=0 GITHUB_TOKEN=tok \
  ROADMAP_GITHUB_API_URL="$sim" ROADMAP_GITHUB_REPO=o/r

start() { # label, java options...: one start, timed to the listening line, then SIGTERM
  local label=$1; shift
  rm -rf "$work/data"; export ROADMAP_SYNC_DATA_DIR="$work/data"
  local from; from=$(date +%s%N)
  java "$@" -jar "$jar" serve > "$work/serve.log" 2>&1 &
  local pid=$!
  until grep -q "admin API listening" "$work/serve.log"; do sleep 0.05; done
  local to; to=$(date +%s%N)
  local cpu; cpu=$(awk '{print ($14+$15)/100}' "/proc/$pid/stat")
  kill -TERM "$pid"; wait "$pid" || true
  printf '%-10s %6d ms to listening, %5.2f s CPU, load %s\n' "$label" $(( (to - from) / 1000000 )) "$cpu" \
    "$(cut -d' ' -f1 /proc/loadavg)"
}

archive="$work/start.jsa"
start training -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off > /dev/null
cds=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off)
echo "$(nproc) cores; $(java -version 2>&1 | head -1)"
for round in $(seq 1 "${ROUNDS:-3}"); do
  start none
  start cds "${cds[@]}"
  start c1 -XX:TieredStopAtLevel=1
  start cds+c1 "${cds[@]}" -XX:TieredStopAtLevel=1
done
