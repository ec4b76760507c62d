# Shared by the benchmark scripts: build a flavour, start it on a fresh database, stop it.
# Everything runs on loopback; every server started here is stopped on exit.

BENCH_PORT=${BENCH_PORT:-18080}
BASE="http://127.0.0.1:${BENCH_PORT}"
WORK=${BENCH_WORK:-/tmp/rectrack-bench}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SERVER_PID=""
# The JVM options of the README's run command and of the Dockerfile, unless BENCH_JAVA_OPTS is set
# (BENCH_JAVA_OPTS= , set and empty, measures the JVM's own defaults).
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS--Xmx256m}

# build_flavour h2|postgresql: packages the jar for that database into $WORK/app-<flavour>
build_flavour() {
  local flavour=$1 profile=""
  [ "$flavour" = postgresql ] && profile="-Ppostgresql"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests $profile)
  rm -rf "$WORK/app-$flavour" && mkdir -p "$WORK" && cp -r "$ROOT/target/quarkus-app" "$WORK/app-$flavour"
}

# build_or_reuse h2|postgresql: the build in $WORK/app-<flavour>, made unless BENCH_NO_BUILD=1 finds one there
build_or_reuse() {
  if [ "${BENCH_NO_BUILD:-}" = 1 ] && [ -f "$WORK/app-$1/quarkus-run.jar" ]; then
    echo "[$(date +%H:%M:%S)] reusing the build in $WORK/app-$1" >&2
  else
    echo "[$(date +%H:%M:%S)] building the $1 flavour" >&2
    build_flavour "$1"
  fi
}

# The database each flavour runs on: PostgreSQL database $BENCH_PG_DB at 127.0.0.1:5432 (user
# postgres, trust authentication), or an H2 file under $WORK/h2.
BENCH_PG_DB=${BENCH_PG_DB:-rectrack_bench}
jdbc_url() {
  if [ "$1" = postgresql ]; then echo "jdbc:postgresql://127.0.0.1:5432/$BENCH_PG_DB"; else echo "jdbc:h2:file:$WORK/h2/rectrack"; fi
}
db_user() { if [ "$1" = postgresql ]; then echo postgres; else echo sa; fi; }

# fresh_database h2|postgresql: drops and creates the benchmark database (nothing in it)
fresh_database() {
  if [ "$1" = postgresql ]; then
    psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $BENCH_PG_DB" -c "create database $BENCH_PG_DB" >/dev/null
  else
    rm -rf "$WORK/h2" && mkdir -p "$WORK/h2"
  fi
}

# The admin key the benchmarks write with (never a real one: the server lives as long as the run).
BENCH_ADMIN_KEY=${BENCH_ADMIN_KEY:-bench-admin-key-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}
AUTH="Authorization: Bearer $BENCH_ADMIN_KEY"
export BENCH_ADMIN_KEY

# launch_server h2|postgresql: the service on $BENCH_PORT on the database as it is; sets STARTUP_MS
# (from launching the JVM to the first successful readiness check)
launch_server() {
  local flavour=$1
  if (exec 3<>"/dev/tcp/127.0.0.1/$BENCH_PORT") 2>/dev/null; then
    echo "port $BENCH_PORT is taken: another server would answer in place of this one; set BENCH_PORT" >&2
    return 1
  fi
  local started=$(date +%s%N)
  # the benchmark writes with the bootstrap admin key, and its load comes from one address: no rate limit applies
  RECTRACK_ADMIN_KEY=$BENCH_ADMIN_KEY RECTRACK_RATE_LIMIT_KEY_PER_MINUTE=1000000000 RECTRACK_RATE_LIMIT_ANONYMOUS_PER_MINUTE=1000000000 \
  QUARKUS_DATASOURCE_JDBC_URL=$(jdbc_url "$flavour") QUARKUS_DATASOURCE_USERNAME=$(db_user "$flavour") QUARKUS_HTTP_PORT=$BENCH_PORT \
    java $BENCH_JAVA_OPTS -jar "$WORK/app-$flavour/quarkus-run.jar" > "$WORK/server-$flavour.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 ${BENCH_START_TRIES:-300}); do
    if curl -sf "$BASE/q/health/ready" >/dev/null 2>&1; then
      STARTUP_MS=$(( ($(date +%s%N) - started) / 1000000 ))
      return 0
    fi
    sleep 0.1
  done
  echo "server did not start; see $WORK/server-$flavour.log" >&2
  return 1
}

# start_server h2|postgresql: a fresh, empty database and the service on $BENCH_PORT
start_server() {
  fresh_database "$1"
  launch_server "$1"
}

stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}

# The plain Panache peer (bench/peer): the same Quarkus on the same machine and database, with nothing
# of rectrack in it, so a reader can tell the cost of rectrack's reads from the cost of the stack.
BENCH_PEER_PORT=${BENCH_PEER_PORT:-$((BENCH_PORT + 1))}
PEER_BASE="http://127.0.0.1:${BENCH_PEER_PORT}"
PEER_PID=""
PEER_DB="${BENCH_PG_DB}_peer"

# build_peer h2|postgresql: packages the peer for that database into $WORK/peer-<flavour>
build_peer() {
  local flavour=$1 profile=""
  [ "$flavour" = postgresql ] && profile="-Ppostgresql"
  (cd "$ROOT" && ./mvnw -B -q -f bench/peer/pom.xml package -DskipTests $profile)
  rm -rf "$WORK/peer-$flavour" && mkdir -p "$WORK" && cp -r "$ROOT/bench/peer/target/quarkus-app" "$WORK/peer-$flavour"
}

# start_peer h2|postgresql: the peer on $BENCH_PEER_PORT (loopback only) on a database of its own, dropped
# and created here; the peer makes its table and BENCH_PEER_ROWS rows itself
start_peer() {
  local flavour=$1 url
  if (exec 3<>"/dev/tcp/127.0.0.1/$BENCH_PEER_PORT") 2>/dev/null; then
    echo "port $BENCH_PEER_PORT is taken: set BENCH_PEER_PORT" >&2
    return 1
  fi
  if [ "$flavour" = postgresql ]; then
    psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $PEER_DB" -c "create database $PEER_DB" >/dev/null
    url="jdbc:postgresql://127.0.0.1:5432/$PEER_DB"
  else
    rm -rf "$WORK/h2-peer" && mkdir -p "$WORK/h2-peer"
    url="jdbc:h2:file:$WORK/h2-peer/peer"
  fi
  PEER_FRUITS=${BENCH_PEER_ROWS:-1000} QUARKUS_DATASOURCE_JDBC_URL=$url QUARKUS_DATASOURCE_USERNAME=$(db_user "$flavour") \
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$BENCH_PEER_PORT \
    java $BENCH_JAVA_OPTS -jar "$WORK/peer-$flavour/quarkus-run.jar" > "$WORK/peer-$flavour.log" 2>&1 &
  PEER_PID=$!
  # the peer has no health endpoint (none in the quickstart either): its first row answering is ready
  for _ in $(seq 1 ${BENCH_START_TRIES:-300}); do
    if curl -sf "$PEER_BASE/fruits/1" >/dev/null 2>&1; then return 0; fi
    kill -0 "$PEER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "peer did not start; see $WORK/peer-$flavour.log" >&2
  return 1
}

stop_peer() {
  if [ -n "$PEER_PID" ]; then
    kill "$PEER_PID" 2>/dev/null || true
    wait "$PEER_PID" 2>/dev/null || true
    PEER_PID=""
  fi
}
trap 'stop_peer; stop_server' EXIT

# rss_kib: resident memory of the running server
rss_kib() { ps -o rss= -p "$SERVER_PID" | tr -d ' '; }

# post_each FILE PATH: POSTs every object of a JSON array file, one request each
post_each() {
  python3 - "$1" "$BASE$2" <<'PY'
import json, os, sys, urllib.request
items = json.load(open(sys.argv[1], encoding="utf-8"))
for item in items:
    req = urllib.request.Request(sys.argv[2], data=json.dumps(item).encode(), method="POST",
                                 headers={"Content-Type": "application/json",
                                          "Authorization": "Bearer " + os.environ["BENCH_ADMIN_KEY"]})
    urllib.request.urlopen(req).read()
PY
}

# median of the numbers given as arguments
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
