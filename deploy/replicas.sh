#!/usr/bin/env bash
# Several replicas of the bot on one machine: a Chroma server, N app processes on consecutive ports, one state store.
#
#   BOT_DATABASE_URL=postgresql://bot@127.0.0.1:5432/bot deploy/replicas.sh [N=2] [FIRST_PORT=7860]
#
# Each replica is the ordinary web server (python app.py) with its own BOT_DATA_DIR (embedding cache, ingest lock),
# BOT_CHROMA_MODE=server on the one Chroma server, and the same BOT_DATABASE_URL (feedback, conversations, Slack
# dedup and rate limits); put a load balancer in front of the printed URLs. Before the replicas start, the corpus is
# ingested once and published on the Chroma server; later, `python -m bot ingest` with the same BOT_CHROMA_* settings
# (from any machine) publishes a new version and every replica switches to it between requests.
# Every other BOT_* / SLACK_* variable passes through to the replicas. Ctrl-C (or SIGTERM) stops them all.
#
# Optional: PYTHON (python3), CHROMA_PORT (8765), CHROMA_PATH (data/chroma-server), RUN_DIR (data/replicas),
# READY_TIMEOUT_S (180: how long to wait for each process to answer).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-2}
FIRST_PORT=${2:-7860}
PY=${PYTHON:-python3}
CHROMA_PORT=${CHROMA_PORT:-8765}
CHROMA_PATH=${CHROMA_PATH:-data/chroma-server}
RUN_DIR=${RUN_DIR:-data/replicas}
READY_TIMEOUT_S=${READY_TIMEOUT_S:-180}
if [[ -z "${BOT_DATABASE_URL:-}" ]]; then
  echo "BOT_DATABASE_URL is required: replicas share one state store (postgresql://...)" >&2
  exit 2
fi
export BOT_CHROMA_MODE=server BOT_CHROMA_HOST=127.0.0.1 BOT_CHROMA_PORT="$CHROMA_PORT" BOT_DATABASE_URL
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"

pids=()
stop() {
  trap - INT TERM EXIT
  ((${#pids[@]})) && kill "${pids[@]}" 2>/dev/null
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

wait_for() {  # URL: polls until it answers 200, at most READY_TIMEOUT_S seconds
  "$PY" - "$1" "$READY_TIMEOUT_S" <<'PYEOF'
import sys, time, urllib.request
url, deadline = sys.argv[1], time.monotonic() + float(sys.argv[2])
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
while time.monotonic() < deadline:
    try:
        if opener.open(url, timeout=2).status == 200:
            sys.exit(0)
    except OSError:
        time.sleep(0.5)
sys.exit(f"not ready after {sys.argv[2]}s: {url}")
PYEOF
}

mkdir -p "$CHROMA_PATH" "$RUN_DIR"
CHROMA=$("$PY" -c 'import os, sys; print(os.path.join(os.path.dirname(sys.executable), "chroma"))')
"$CHROMA" run --path "$CHROMA_PATH" --host 127.0.0.1 --port "$CHROMA_PORT" >"$RUN_DIR/chroma.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$CHROMA_PORT/api/v2/heartbeat"
echo "chroma: http://127.0.0.1:$CHROMA_PORT"

# One ingest publishes the version every replica serves (they would otherwise race to build the same one).
BOT_DATA_DIR="$RUN_DIR/replica-0" "$PY" -m bot ingest

for ((i = 0; i < N; i++)); do
  port=$((FIRST_PORT + i))
  BOT_DATA_DIR="$RUN_DIR/replica-$i" "$PY" app.py --host 127.0.0.1 --port "$port" >"$RUN_DIR/replica-$i.log" 2>&1 &
  pids+=($!)
done
for ((i = 0; i < N; i++)); do
  wait_for "http://127.0.0.1:$((FIRST_PORT + i))/healthz"
  echo "replica $i: http://127.0.0.1:$((FIRST_PORT + i)) (data $RUN_DIR/replica-$i, log $RUN_DIR/replica-$i.log)"
done
echo "ready: $N replicas; Ctrl-C stops them all"
wait -n "${pids[@]}" || true
echo "a process exited; stopping the others" >&2
exit 1
