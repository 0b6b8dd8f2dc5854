#!/usr/bin/env bash
# A seed, a coordinator (with the HTTP API) and N workers as separate processes on 127.0.0.1.
#
#   deploy/local-cluster.sh start N [--dir DIR] [--seed-port P] [--api-port P] [--device D] [--timeout S]
#                                   [--data-dir D] [--tls] [--fault-step-delay-ms MS]
#   deploy/local-cluster.sh stop [--dir DIR] [--timeout S]
#   deploy/local-cluster.sh restart NODE [--dir DIR] [--timeout S]
#   deploy/local-cluster.sh add-worker [--dir DIR] [--timeout S]
#
# start writes DIR/<node>.log and DIR/<node>.pid for seed, coordinator, worker-1..worker-N, and DIR/env
# (AIMASS_COORDINATOR, AIMASS_SEED_NODES, AIMASS_TOKEN — a new random API token for the coordinator — and with
# --tls AIMASS_TLS_DIR; mode 0600; `source DIR/env`), and returns once N workers are Up as the coordinator sees
# them (exit 1 after --timeout seconds, default 120, with the tail of the failing log). --tls runs remoting over
# mutual TLS with the certificates of deploy/make-certs.sh DIR/certs (made once, then reused); without it the
# nodes run plain TCP whatever AIMASS_TLS_* the caller has set.
# The coordinator keeps its job store in --data-dir (default DIR/data). stop sends SIGTERM to every node
# (workers first), waits --timeout seconds (default 20), then SIGKILLs what is left. Ports default to free
# ones below the kernel's ephemeral range. Nodes inherit this script's environment (e.g. AiMass__StableAfter).
#
# For failure drills (docs/OPERATIONS.md): --fault-step-delay-ms MS starts every worker with that fault-injection
# option (each E-step first waits MS ms, so a small job lasts long enough to break something mid-iteration);
# `kill -9 $(cat DIR/worker-1.pid)` crashes a node; restart NODE
# starts a stopped or crashed node again with the same arguments (the coordinator: the same API port and job
# store; its log is appended to) and waits until the coordinator answers with every live worker up;
# add-worker starts one more worker like worker-1 and waits until it is up.
#
# The tool is the built aimass.dll: $AIMASS_DLL, else src/Coordinator/bin/Release/net10.0/aimass.dll, built
# with `dotnet build -c Release` when it is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DLL="${AIMASS_DLL:-$ROOT/src/Coordinator/bin/Release/net10.0/aimass.dll}"
DIR="${TMPDIR:-/tmp}/aimass-local-cluster"

usage() {
  sed -n '4,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,3\}//' >&2
  exit 2
}

die() {
  echo "local-cluster: $*" >&2
  exit 1
}

# A TCP port nobody listens on: random in 20000-32767 (below Linux's ephemeral range, so nodes that bind
# port 0 cannot take it meanwhile), checked by trying to connect.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 12768))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  die "found no free port"
}

# The pid in DIR/NAME.pid if that process is alive and is an aimass node (pids get reused).
live_pid() {
  local file="$DIR/$1.pid" pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  local command
  command="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$command" == *aimass* ]] || return 1
  echo "$pid"
}

node_names() {
  local f
  for f in "$DIR"/*.pid; do
    [[ -e "$f" ]] && basename "$f" .pid
  done
  return 0
}

ensure_built() {
  if [[ ! -f "$DLL" ]]; then
    echo "local-cluster: building aimass (dotnet build -c Release, output in $DIR/build.log) ..." >&2
    if ! dotnet build "$ROOT/src/Coordinator/AiMass.Coordinator.csproj" -c Release -nologo >"$DIR/build.log" 2>&1; then
      grep -E 'error|Error' "$DIR/build.log" | tail -n 20 >&2 || true
      die "the build failed; see $DIR/build.log"
    fi
  fi
  [[ -f "$DLL" ]] || die "no $DLL after the build; set AIMASS_DLL to the built aimass.dll"
}

# start_node NAME ARGS...: runs `dotnet aimass.dll ARGS` in the background, output to DIR/NAME.log; the
# arguments are kept in DIR/NAME.args (one per line) for restart.
start_node() {
  local name="$1"
  shift
  printf '%s\n' "$@" >"$DIR/$name.args"
  nohup dotnet "$DLL" "$@" >"$DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$DIR/$name.pid"
}

aimass() {
  dotnet "$DLL" "$@"
}

# check_alive [NAME...]: every named node (default: every node with a pid file) is still running.
check_alive() {
  local name names=("$@")
  ((${#names[@]} > 0)) || mapfile -t names < <(node_names)
  for name in "${names[@]}"; do
    if ! live_pid "$name" >/dev/null; then
      echo "local-cluster: node $name exited; the end of $DIR/$name.log:" >&2
      tail -n 20 "$DIR/$name.log" >&2 || true
      return 1
    fi
  done
}

# Whether PID is alive; a zombie (exited, not yet reaped) has an empty command line and counts as gone.
running() {
  kill -0 "$1" 2>/dev/null || return 1
  [[ -n "$(tr -d '\0' <"/proc/$1/cmdline" 2>/dev/null)" ]]
}

# wait_gone SECONDS PID...: waits until every PID has exited; prints those still alive at the deadline.
wait_gone() {
  local deadline=$((SECONDS + $1)) pid alive
  shift
  while true; do
    alive=()
    for pid in "$@"; do
      if running "$pid"; then
        alive+=("$pid")
      fi
    done
    if ((${#alive[@]} == 0)) || ((SECONDS >= deadline)); then
      echo "${alive[@]}"
      return 0
    fi
    sleep 0.2
  done
}

# stop_group TIMEOUT NAME...: SIGTERM to the named nodes, then SIGKILL after TIMEOUT seconds.
stop_group() {
  local timeout="$1" name pid left
  shift
  local pids=()
  for name in "$@"; do
    if pid="$(live_pid "$name")"; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
  done
  ((${#pids[@]} > 0)) || return 0
  left="$(wait_gone "$timeout" "${pids[@]}")"
  if [[ -n "$left" ]]; then
    echo "local-cluster: still running after ${timeout}s, killing: $left" >&2
    # shellcheck disable=SC2086
    kill -KILL $left 2>/dev/null || true
    wait_gone 5 $left >/dev/null
  fi
}

stop_all() {
  local timeout="$1" names workers=() others=() name
  names="$(node_names)"
  for name in $names; do
    case "$name" in
      worker-*) workers+=("$name") ;;
      *) others+=("$name") ;;
    esac
  done
  # Workers leave first, so their partitions are not handed around while the coordinator goes.
  ((${#workers[@]} == 0)) || stop_group "$timeout" "${workers[@]}"
  ((${#others[@]} == 0)) || stop_group "$timeout" "${others[@]}"
  for name in $names; do
    rm -f "$DIR/$name.pid"
  done
}

cmd_start() {
  local workers="" seed_port="" api_port="" device="" data_dir="" timeout=120 tls=0 step_delay=""
  while (($# > 0)); do
    case "$1" in
      --dir) DIR="${2:?--dir needs a folder}"; shift 2 ;;
      --seed-port) seed_port="${2:?--seed-port needs a port}"; shift 2 ;;
      --api-port) api_port="${2:?--api-port needs a port}"; shift 2 ;;
      --device) device="${2:?--device needs a name}"; shift 2 ;;
      --data-dir) data_dir="${2:?--data-dir needs a folder}"; shift 2 ;;
      --timeout) timeout="${2:?--timeout needs seconds}"; shift 2 ;;
      --tls) tls=1; shift ;;
      --fault-step-delay-ms) step_delay="${2:?--fault-step-delay-ms needs milliseconds}"; shift 2 ;;
      -h|--help) usage ;;
      -*) echo "local-cluster: unknown option $1" >&2; usage ;;
      *) [[ -z "$workers" ]] || usage; workers="$1"; shift ;;
    esac
  done
  if [[ ! "$workers" =~ ^[1-9][0-9]*$ ]]; then
    echo "local-cluster: start needs the number of workers (1 or more)" >&2
    usage
  fi
  for port in "$seed_port" "$api_port"; do
    [[ -z "$port" || "$port" =~ ^[1-9][0-9]{0,4}$ ]] || die "'$port' is not a port number"
  done
  [[ "$timeout" =~ ^[1-9][0-9]*$ ]] || die "--timeout '$timeout' is not a whole number of seconds"

  mkdir -p "$DIR"
  DIR="$(cd "$DIR" && pwd)"
  local name
  for name in $(node_names); do
    if live_pid "$name" >/dev/null; then
      die "a cluster is already running in $DIR ($name); stop it with: $0 stop --dir $DIR"
    fi
  done
  rm -f "$DIR"/*.pid "$DIR"/*.log "$DIR"/*.args "$DIR/env"
  data_dir="${data_dir:-$DIR/data}"
  ensure_built

  seed_port="${seed_port:-$(free_port)}"
  while [[ -z "$api_port" || "$api_port" == "$seed_port" ]]; do api_port="$(free_port)"; done
  local seed="127.0.0.1:$seed_port" api="http://127.0.0.1:$api_port" tls_flags=()
  unset AIMASS_TLS_DIR AIMASS_TLS_CERT AIMASS_TLS_KEY AIMASS_TLS_CA AIMASS_TLS_PASSWORD AIMASS_TLS_PASSWORD_FILE
  if ((tls)); then
    "$ROOT/deploy/make-certs.sh" "$DIR/certs" >/dev/null || die "deploy/make-certs.sh $DIR/certs failed"
    tls_flags=(--tls-dir "$DIR/certs")
  fi
  # The coordinator's API token: new for each start, handed to the coordinator and the readiness check through
  # the environment (never a command line, which other users can read in ps).
  export AIMASS_TOKEN
  AIMASS_TOKEN="$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"

  # An interrupted or failed start leaves no half cluster behind.
  trap 'stop_all 10; exit 1' INT TERM
  # Loopback and ports given as flags, so AIMASS_HOST/AIMASS_PORT in the caller's environment cannot clash.
  start_node seed seed --host 127.0.0.1 --port "$seed_port" "${tls_flags[@]}"
  start_node coordinator coordinator --host 127.0.0.1 --port 0 --seed-nodes "$seed" --api "127.0.0.1:$api_port" \
    --data-dir "$data_dir" "${tls_flags[@]}"
  local i
  for ((i = 1; i <= workers; i++)); do
    start_node "worker-$i" worker --host 127.0.0.1 --port 0 --seed-nodes "$seed" ${device:+--device "$device"} \
      ${step_delay:+--fault-step-delay-ms "$step_delay"} "${tls_flags[@]}"
  done
  # DIR/env holds the token: readable by its owner only.
  (
    umask 077
    {
      printf 'AIMASS_COORDINATOR=%s\nAIMASS_SEED_NODES=%s\nAIMASS_TOKEN=%s\n' "$api" "$seed" "$AIMASS_TOKEN"
      if ((tls)); then
        printf 'AIMASS_TLS_DIR=%s\nexport AIMASS_TLS_DIR\n' "$DIR/certs"
      fi
      printf 'export AIMASS_COORDINATOR AIMASS_SEED_NODES AIMASS_TOKEN\n'
    } >"$DIR/env"
  )

  if ! wait_workers "$api" "$workers" "$timeout"; then
    stop_all 10
    exit 1
  fi
  trap - INT TERM
  echo "local-cluster: seed $seed, coordinator API $api, $workers worker(s) up$( ((tls)) && echo ", mutual TLS");" \
    "logs and pids in $DIR"
  echo "local-cluster: source $DIR/env  # then: aimass cluster, aimass submit gmm ..."
}

# wait_workers API N TIMEOUT [NAME...]: until the coordinator at API sees N workers up; 1 when time ran out or a
# node died (the named ones, default every node).
wait_workers() {
  local api="$1" workers="$2" timeout="$3"
  shift 3
  local deadline=$((SECONDS + timeout))
  until aimass cluster --coordinator "$api" --wait-workers "$workers" --timeout 5 >/dev/null 2>"$DIR/start.err"; do
    if ! check_alive "$@" || ((SECONDS >= deadline)); then
      if ((SECONDS >= deadline)); then
        echo "local-cluster: $workers worker(s) not up after ${timeout}s: $(cat "$DIR/start.err")" >&2
      fi
      return 1
    fi
  done
  rm -f "$DIR/start.err"
}

# load_env: exports DIR/env (the coordinator API address, the cluster's token and TLS folder), so a restarted
# node keeps the token and certificates and the readiness check can call the API.
load_env() {
  [[ -f "$DIR/env" ]] || die "no cluster in $DIR (no $DIR/env); start one first"
  unset AIMASS_TLS_DIR
  # shellcheck disable=SC1091
  source "$DIR/env"
}

live_workers() {
  local name count=0
  for name in $(node_names); do
    if [[ "$name" == worker-* ]] && live_pid "$name" >/dev/null; then
      count=$((count + 1))
    fi
  done
  echo "$count"
}

# relaunch NAME ARGS-FILE: starts NAME again with the arguments in ARGS-FILE, appending to its log.
relaunch() {
  local name="$1" file="$2" args=()
  mapfile -t args <"$file"
  [[ "$file" == "$DIR/$name.args" ]] || printf '%s\n' "${args[@]}" >"$DIR/$name.args"
  echo "--- local-cluster: $name started again at $(date -u +%FT%TZ)" >>"$DIR/$name.log"
  nohup dotnet "$DLL" "${args[@]}" >>"$DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$DIR/$name.pid"
}

# parse_dir_timeout ARGS...: --dir and --timeout for restart and add-worker; sets DIR and TIMEOUT.
parse_dir_timeout() {
  TIMEOUT=120
  while (($# > 0)); do
    case "$1" in
      --dir) DIR="${2:?--dir needs a folder}"; shift 2 ;;
      --timeout) TIMEOUT="${2:?--timeout needs seconds}"; shift 2 ;;
      -h|--help) usage ;;
      *) echo "local-cluster: unknown argument $1" >&2; usage ;;
    esac
  done
  [[ "$TIMEOUT" =~ ^[1-9][0-9]*$ ]] || die "--timeout '$TIMEOUT' is not a whole number of seconds"
}

cmd_restart() {
  local name="${1:-}"
  [[ -n "$name" && "$name" != -* ]] || { echo "local-cluster: restart needs a node name" >&2; usage; }
  shift
  parse_dir_timeout "$@"
  [[ -f "$DIR/$name.args" ]] || die "no node $name in $DIR (no $DIR/$name.args)"
  if live_pid "$name" >/dev/null; then
    die "$name is still running (pid $(live_pid "$name")); stop or kill it first"
  fi
  load_env
  local api="$AIMASS_COORDINATOR"
  relaunch "$name" "$DIR/$name.args"
  wait_workers "$api" "$(live_workers)" "$TIMEOUT" "$name" || exit 1
  echo "local-cluster: $name started again (pid $(cat "$DIR/$name.pid")); $(live_workers) worker(s) up"
}

cmd_add_worker() {
  parse_dir_timeout "$@"
  [[ -f "$DIR/worker-1.args" ]] || die "no worker-1 in $DIR to copy the arguments of"
  load_env
  local api="$AIMASS_COORDINATOR" i=1
  while [[ -f "$DIR/worker-$i.pid" ]]; do i=$((i + 1)); done
  relaunch "worker-$i" "$DIR/worker-1.args"
  wait_workers "$api" "$(live_workers)" "$TIMEOUT" "worker-$i" || exit 1
  echo "local-cluster: worker-$i up (pid $(cat "$DIR/worker-$i.pid")); $(live_workers) worker(s) up"
}

cmd_stop() {
  local timeout=20
  while (($# > 0)); do
    case "$1" in
      --dir) DIR="${2:?--dir needs a folder}"; shift 2 ;;
      --timeout) timeout="${2:?--timeout needs seconds}"; shift 2 ;;
      -h|--help) usage ;;
      *) echo "local-cluster: unknown argument $1" >&2; usage ;;
    esac
  done
  [[ "$timeout" =~ ^[1-9][0-9]*$ ]] || die "--timeout '$timeout' is not a whole number of seconds"
  if [[ ! -d "$DIR" ]] || [[ -z "$(node_names)" ]]; then
    echo "local-cluster: no cluster in $DIR"
    return 0
  fi
  stop_all "$timeout"
  echo "local-cluster: stopped the cluster in $DIR"
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  restart) shift; cmd_restart "$@" ;;
  add-worker) shift; cmd_add_worker "$@" ;;
  *) usage ;;
esac
