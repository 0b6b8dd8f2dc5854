#!/usr/bin/env bash
# The data-plane benchmark (docs/PERFORMANCE.md, "Data plane"):
#  1. partition read throughput: every partition of a dataset read once as a worker reads it, from the local file
#     and from a local S3-compatible server (npm's s3rver on loopback), for .npy and Parquet;
#  2. peak memory (VmHWM) of ONE worker process fitting a Parquet dataset cut into 16 partitions
#     (seed, coordinator and the worker as separate processes; the worker's --cpu-cache-mb 0, so the figure is the
#     rows it holds plus what reading costs, without the resident-tile budget).
#
#   bench/data-plane.sh [--rows N] [--features D] [--dir DIR] [--aimass DLL] [--label TEXT] [--skip-read]
#
# Defaults: 8388608 rows × 16 float64 (1 GiB), DIR=/tmp/aimass-data-bench, the built aimass.dll of this tree.
# --aimass another build's aimass.dll (e.g. an older commit's) measures that build's worker on the same data.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
ROWS=8388608; FEATURES=16; DIR=/tmp/aimass-data-bench; LABEL=this; SKIP_READ=0
DLL="$ROOT/src/Coordinator/bin/Release/net10.0/aimass.dll"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) ROWS="$2"; shift 2 ;;
    --features) FEATURES="$2"; shift 2 ;;
    --dir) DIR="$2"; shift 2 ;;
    --aimass) DLL="$2"; shift 2 ;;
    --label) LABEL="$2"; shift 2 ;;
    --skip-read) SKIP_READ=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$DIR"
BENCH="$ROOT/bench/AiMass.DataBench/bin/Release/net10.0/AiMass.DataBench.dll"
[[ -f "$BENCH" && -f "$ROOT/src/Coordinator/bin/Release/net10.0/aimass.dll" ]] || {
  dotnet build "$ROOT/bench/AiMass.DataBench" -c Release -v q >/dev/null
  dotnet build "$ROOT/src/Coordinator" -c Release -v q >/dev/null; }
TOOL="$ROOT/src/Coordinator/bin/Release/net10.0/aimass.dll"
NPY="$DIR/x-$ROWS-$FEATURES.npy"; PARQUET="$DIR/x-$ROWS-$FEATURES.parquet"
[[ -f "$NPY" ]] || dotnet "$TOOL" gen gmm --rows "$ROWS" --features "$FEATURES" --components 8 --seed 1 --output "$NPY"
[[ -f "$PARQUET" ]] || dotnet "$BENCH" parquet --npy "$NPY" --output "$PARQUET" --group-rows 131072
echo "data: $(du -h "$NPY" | cut -f1) .npy, $(du -h "$PARQUET" | cut -f1) Parquet ($ROWS rows × $FEATURES)"

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

if [[ $SKIP_READ -eq 0 ]]; then
  rm -rf "$DIR/s3"; mkdir -p "$DIR/s3"
  s3rver -d "$DIR/s3" -a 127.0.0.1 -p 0 --configure-bucket bench --silent > "$DIR/s3rver.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 50); do grep -q listening "$DIR/s3rver.log" && break; sleep 0.2; done
  PORT=$(grep -o 'listening on 127.0.0.1:[0-9]*' "$DIR/s3rver.log" | cut -d: -f2)
  [[ -n "$PORT" ]] || { echo "s3rver did not start (npm install -g s3rver@3.7.1)"; cat "$DIR/s3rver.log"; exit 1; }
  EP="http://127.0.0.1:$PORT"
  curl -sf -T "$NPY" "$EP/bench/x.npy" -o /dev/null
  curl -sf -T "$PARQUET" "$EP/bench/x.parquet" -o /dev/null
  export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
  echo "== partition read throughput (16 partitions, best of 2; no cache)"
  dotnet "$BENCH" read --data "$NPY" --partitions 16 --repeat 2
  dotnet "$BENCH" read --data s3://bench/x.npy --s3-endpoint "$EP" --partitions 16 --repeat 2
  dotnet "$BENCH" read --data "$PARQUET" --partitions 16 --repeat 2
  dotnet "$BENCH" read --data s3://bench/x.parquet --s3-endpoint "$EP" --partitions 16 --repeat 2
  kill "${PIDS[0]}"; PIDS=()
fi

echo "== one worker, 16 partitions of $PARQUET ($LABEL: $DLL)"
NODES="$DIR/nodes-$LABEL"; rm -rf "$NODES"; mkdir -p "$NODES"
SEED_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
API_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export AIMASS_PLAIN=1 AIMASS_TOKEN="$(python3 -c "import secrets; print(secrets.token_hex(16))")"
dotnet "$DLL" seed --port "$SEED_PORT" > "$NODES/seed.log" 2>&1 & PIDS+=($!)
dotnet "$DLL" coordinator --seed-nodes "127.0.0.1:$SEED_PORT" --api "127.0.0.1:$API_PORT" \
  --data-dir "$NODES/data" > "$NODES/coordinator.log" 2>&1 & PIDS+=($!)
dotnet "$DLL" worker --seed-nodes "127.0.0.1:$SEED_PORT" --device cpu --cpu-cache-mb 0 > "$NODES/worker.log" 2>&1 &
WORKER=$!; PIDS+=($WORKER)
dotnet "$DLL" cluster --coordinator "http://127.0.0.1:$API_PORT" --wait-workers 1 --timeout 90 > /dev/null
IDLE=$(awk '/VmRSS/ {print $2}' "/proc/$WORKER/status")
START=$(date +%s.%N)
dotnet "$DLL" submit gmm --data "$PARQUET" --k 4 --covariance diag --partitions 16 --max-iter 3 --tol 0 \
  --coordinator "http://127.0.0.1:$API_PORT" --output "$NODES/model.json" 2>&1 | tail -n 2 || true
END=$(date +%s.%N)
HWM=$(awk '/VmHWM/ {print $2}' "/proc/$WORKER/status")
RSS=$(awk '/VmRSS/ {print $2}' "/proc/$WORKER/status")
ROWBYTES=$((ROWS * FEATURES * 8))
echo "worker RSS idle (joined, before the job): $((IDLE / 1024)) MiB"
echo "worker peak RSS (VmHWM): $((HWM / 1024)) MiB; RSS after the job: $((RSS / 1024)) MiB; its partitions' rows as" \
  "float64: $((ROWBYTES / 1048576)) MiB; job $(python3 -c "print(f'{$END-$START:.1f}')") s"
