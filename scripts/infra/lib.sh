# Shared helpers for scripts/infra/{up,down,status}. Sourced, not run.
# shellcheck disable=SC2001,SC2015,SC2034 # `a && b || c` is meant; variables are used by the sourcing scripts
set -euo pipefail
INFRA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
INFRA_SCRIPTS="$INFRA_ROOT/scripts/infra"
# Where the servers keep their data, logs and PID files: <repo>/.infra, or INFRA_DIR for a second,
# separate set of servers on other ports (the fault-injection suite kills and restarts its own set,
# never the shared one). Fetched and built artifacts (Kafka jars, the FerretDB binary) always come
# from <repo>/.infra, so a second set costs no download or build.
INFRA_ARTIFACTS="$INFRA_ROOT/.infra"
INFRA_DIR="${INFRA_DIR:-$INFRA_ARTIFACTS}"
mkdir -p "$INFRA_DIR" && INFRA_DIR="$(cd "$INFRA_DIR" && pwd)"
LOG_DIR="$INFRA_DIR/logs"
mkdir -p "$LOG_DIR"

PG_PORT="${PG_PORT:-55432}"
PG_MAX_CONNECTIONS="${PG_MAX_CONNECTIONS:-300}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP="${KAFKA_HEAP:-512m}"
MONGO_PORT="${MONGO_PORT:-27017}"
KAFKA_VERSION="${KAFKA_VERSION:-3.9.1}"
FERRETDB_VERSION="${FERRETDB_VERSION:-v1.24.0}"
COMPOSE_VERSION="${COMPOSE_VERSION:-v2.29.7}"
# PostgreSQL refuses to run as root: the cluster belongs to this OS user (created if missing).
PG_USER_OS="${PG_USER_OS:-postgres}"

SERVERS=(postgres kafka ferretdb)
KAFKA_PID="$INFRA_DIR/kafka/kafka.pid"
KAFKA_PATTERN="kafka.Kafka $INFRA_DIR/kafka/server.properties"
FERRETDB_BIN="$INFRA_ARTIFACTS/bin/ferretdb"
FERRETDB_PID="$INFRA_DIR/ferretdb/ferretdb.pid"
FERRETDB_PATTERN="$FERRETDB_BIN "

say() { printf '[infra] %s\n' "$*"; }
fail() { printf '[infra] FAILED: %s\n' "$*" >&2; exit 1; }
# Last lines of a log, indented, on stderr (to explain a failure).
show_log() { [ -f "$1" ] && { printf '[infra] --- last lines of %s ---\n' "$1"; tail -n "${2:-20}" "$1" | sed 's/^/[infra]   /'; } >&2 || true; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Sends the bytes given as hex to 127.0.0.1:port and prints the reply as hex (its 4-byte length
# prefix included). $3: byte order of that prefix, "be" (Kafka) or "le" (MongoDB wire protocol).
tcp_exchange() { # port hex order
  local port=$1 req=$2 order=$3
  (
    exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
    printf '%b' "$(sed 's/../\\x&/g' <<<"$req")" >&3
    local head len
    head=$(timeout 3 dd bs=1 count=4 status=none <&3 | od -An -v -tx1 | tr -d ' \n')
    [ ${#head} -eq 8 ] || exit 1
    if [ "$order" = le ]; then len=$((16#${head:6:2}${head:4:2}${head:2:2}${head:0:2})); else len=$((16#$head)); fi
    [ "$len" -gt 4 ] && [ "$len" -lt 1048576 ] || exit 1
    [ "$order" = le ] && len=$((len - 4))
    printf '%s' "$head"
    timeout 3 dd bs=1 count="$len" status=none <&3 | od -An -v -tx1 | tr -d ' \n'
  ) 2>/dev/null
}

# Kafka: an ApiVersions (v0) request answered with error code 0 means the broker serves requests.
kafka_ready() {
  local r
  r=$(tcp_exchange "$1" 0000000a001200000000002affff be) || return 1
  [ "${r:8:12}" = 0000002a0000 ]
}

# MongoDB wire protocol: OP_MSG {ping: 1, $db: "admin"} answered with {ok: 1.0}.
mongo_ready() {
  local r
  r=$(tcp_exchange "$1" 330000002a00000000000000dd07000000000000001e0000001070696e67000100000002246462000600000061646d696e0000 le) || return 1
  [[ "$r" == *016f6b00000000000000f03f* ]]
}

wait_until() { # seconds pidfile(or -) command...
  local secs=$1 pidfile=$2 i
  shift 2
  for ((i = 0; i < secs * 2; i++)); do
    "$@" && return 0
    if [ "$pidfile" != - ] && ! kill -0 "$(cat "$pidfile" 2>/dev/null)" 2>/dev/null; then return 2; fi
    sleep 0.5
  done
  return 1
}

# A PID file counts only while its process lives and still is what we started (PIDs get reused).
pid_alive() { # pidfile pattern
  local pid
  [ -f "$1" ] && pid=$(cat "$1") && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$2"
}

# Runs a command as the cluster's OS user, from / (the caller's directory may be closed to that user).
as_pg() { (cd / && exec runuser -u "$PG_USER_OS" -- "$@"); }

pg_bin() {
  local d
  for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
    [ -x "$d/postgres" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

# Where the cluster lives: .infra/pg, unless the PostgreSQL OS user cannot reach the repository
# (e.g. a clone under a 0700 home directory); then a directory under /var/lib/spbe-infra, keyed by
# the repository's path, with .infra/pg pointing at it.
pg_home() {
  local alt
  local key="$INFRA_ROOT"
  [ "$INFRA_DIR" = "$INFRA_ARTIFACTS" ] || key="$INFRA_DIR"
  alt="/var/lib/spbe-infra/$(printf '%s' "$key" | md5sum | cut -c1-12)/pg"
  if [ -L "$INFRA_DIR/pg" ]; then readlink -f "$INFRA_DIR/pg"; return 0; fi
  if [ -d "$INFRA_DIR/pg" ] || ! id "$PG_USER_OS" >/dev/null 2>&1 || as_pg test -x "$INFRA_DIR" 2>/dev/null; then
    echo "$INFRA_DIR/pg"
  else
    echo "$alt"
  fi
}

pg_running() { # bin data
  [ -f "$2/PG_VERSION" ] && as_pg "$1/pg_ctl" -D "$2" status >/dev/null 2>&1
}

# Running and answering on the expected port?
server_state() { # name -> "running PID" | "stopped" ; exit 0 when ready
  case "$1" in
    postgres)
      local bin home
      bin=$(pg_bin) || { echo "stopped (PostgreSQL not installed)"; return 1; }
      id "$PG_USER_OS" >/dev/null 2>&1 || { echo "stopped (not provisioned)"; return 1; }
      home=$(pg_home)
      [ -f "$home/data/PG_VERSION" ] || { echo "stopped (not provisioned)"; return 1; }
      pg_running "$bin" "$home/data" || { echo stopped; return 1; }
      local pid; pid=$(head -1 "$home/data/postmaster.pid" 2>/dev/null || echo '?')
      "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 3 || { echo "not ready (pid $pid, nothing answers on port $PG_PORT)"; return 1; }
      echo "running pid $pid" ;;
    kafka)
      pid_alive "$KAFKA_PID" "$KAFKA_PATTERN" || { echo stopped; return 1; }
      kafka_ready "$KAFKA_PORT" || { echo "not ready (pid $(cat "$KAFKA_PID"))"; return 1; }
      echo "running pid $(cat "$KAFKA_PID")" ;;
    ferretdb)
      pid_alive "$FERRETDB_PID" "$FERRETDB_PATTERN" || { echo stopped; return 1; }
      mongo_ready "$MONGO_PORT" || { echo "not ready (pid $(cat "$FERRETDB_PID"))"; return 1; }
      echo "running pid $(cat "$FERRETDB_PID")" ;;
    *) fail "unknown server '$1' (known: ${SERVERS[*]})" ;;
  esac
}

server_port() {
  case "$1" in postgres) echo "$PG_PORT" ;; kafka) echo "$KAFKA_PORT" ;; ferretdb) echo "$MONGO_PORT" ;; esac
}

server_env() {
  case "$1" in
    postgres) echo "POSTGRES_URL=postgres://spbe:spbe@127.0.0.1:$PG_PORT/spbe" ;;
    kafka) echo "KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT" ;;
    ferretdb) echo "MONGO_URL=mongodb://127.0.0.1:$MONGO_PORT/" ;;
  esac
}

# SIGTERM, wait up to $3 seconds, then SIGKILL. Only touches the PID if it is still our process.
stop_pid() { # pidfile pattern seconds name
  if pid_alive "$1" "$2"; then
    local pid i
    pid=$(cat "$1")
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < $3 * 5; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
      say "$4: did not stop within $3 s, killed (pid $pid)"
    else
      say "$4: stopped (pid $pid)"
    fi
  else
    say "$4: not running"
  fi
  rm -f "$1"
}

# Serialises up/down so that two runs at once (parallel CI jobs, two terminals) do not race.
# Fd 9 holds the lock: every server is started with 9>&- so that it does not keep the lock.
take_lock() {
  exec 9>"$INFRA_DIR/.lock"
  flock -w 1200 9 || fail "another scripts/infra run holds $INFRA_DIR/.lock for more than 20 minutes"
}

# PID of the process listening on 127.0.0.1:port (empty when unknown).
port_pid() { command -v ss >/dev/null && ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1 || true; }

# Called when a server of ours is not running and must start on a port. If the port is held by the
# same kind of server started by scripts/infra from another checkout (e.g. a CI clone on a machine
# where the developer's servers still run), that server is stopped when INFRA_TAKEOVER=1 or CI=true;
# otherwise, or when anything else holds the port, this fails naming the process.
free_port() { # name port env-var
  local name=$1 port=$2 var=$3 pid cmd="" theirs=0 sig=TERM i
  port_open "$port" || return 0
  pid=$(port_pid "$port")
  [ -n "$pid" ] && cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-300)
  case "$name" in
    postgres)
      local d=""
      [[ "$cmd" =~ postgres\ -D\ ([^\ ]+) ]] && d=${BASH_REMATCH[1]}
      [[ "$d" == */.infra/pg/data || "$d" == /var/lib/spbe-infra/*/pg/data ]] && { theirs=1; sig=INT; } ;; # SIGINT: fast shutdown
    kafka) [[ "$cmd" == *"kafka.Kafka "*"/.infra/kafka/server.properties"* ]] && theirs=1 ;;
    ferretdb) [[ "$cmd" == *"/.infra/bin/ferretdb "* ]] && theirs=1 ;;
  esac
  if [ $theirs = 1 ] && { [ "${INFRA_TAKEOVER:-}" = 1 ] || [ "${CI:-}" = true ]; }; then
    say "$name: 127.0.0.1:$port is held by the $name of another checkout (pid $pid); stopping it (INFRA_TAKEOVER=1 or CI=true)"
    kill -"$sig" "$pid" 2>/dev/null || true
    for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid" 2>/dev/null || true; sleep 1; }
    wait_until 30 - eval '! port_open '"$port" || fail "$name: 127.0.0.1:$port still taken after stopping pid $pid"
    return 0
  fi
  [ $theirs = 1 ] && fail "$name: 127.0.0.1:$port is held by the $name of another checkout (pid $pid: $cmd). Stop it with that checkout's scripts/infra/down, set INFRA_TAKEOVER=1 to have it stopped, or pick another port with $var"
  fail "$name: 127.0.0.1:$port is taken by another process (${pid:+pid $pid: }${cmd:-unknown}); free it or pick another port with $var"
}
