# shellcheck shell=bash
# Local nodes from this machine's PostgreSQL (modes local and postgres): data under
# $CLUSTER_DIR/data, sockets in $CLUSTER_DIR/run, logs in $CLUSTER_DIR/logs.

# PostgreSQL refuses to run as root: as root, its processes run as the postgres user.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- env PGPASSFILE="$CLUSTER_DIR/secrets/pgpass" "$@"
  else
    env PGPASSFILE="$CLUSTER_DIR/secrets/pgpass" "$@"
  fi
}

psql_node() { # port, then psql arguments; as superuser over the node's socket
  local port=$1; shift
  as_pg "$PSQL" -X -q -v ON_ERROR_STOP=1 -h "$CLUSTER_DIR/run" -p "$port" -U postgres "$@"
}

init_node() { # name port
  local name=$1 port=$2 data=$CLUSTER_DIR/data/$1
  [[ -f $data/PG_VERSION ]] && return 0
  log "initialising $name ($data)"
  mkdir -p "$data"
  local pwfile=$CLUSTER_DIR/secrets/postgres.pw
  credential postgres >"$pwfile"; chmod 600 "$pwfile"
  if [[ $(id -u) -eq 0 ]]; then chown postgres: "$data" "$pwfile"; fi
  # The socket directory is the cluster's own (mode 700), so trust there reaches only its owner;
  # TCP on loopback needs a password (scram), for every role, between nodes too.
  as_pg "$PG_BIN/initdb" -D "$data" -U postgres --pwfile="$pwfile" --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --locale=C >"$CLUSTER_DIR/logs/$name-initdb.log"
  rm -f "$pwfile"
  {
    echo "# written by server-config/bin/cluster"
    echo "listen_addresses = '$HOST'"
    echo "port = $port"
    echo "unix_socket_directories = '$CLUSTER_DIR/run'"
    echo "max_connections = 200"
    # Logical decoding lets Citus move a schema while it keeps taking writes.
    echo "wal_level = logical"
    if is_citus; then
      echo "shared_preload_libraries = 'citus'"
      echo "citus.local_hostname = '$HOST'"
    fi
  } >>"$data/postgresql.conf"
}

start_node() { # name port
  local name=$1 port=$2 data=$CLUSTER_DIR/data/$1 made
  # A node's data is for the major that made it: another major's server would refuse it with a
  # line in its log; say it here, with the way forward.
  made=$(<"$data/PG_VERSION")
  [[ $made == "$(pg_major)" ]] || die "$name's data ($data) was made by PostgreSQL $made, and this run found PostgreSQL $(pg_major) ($PG_BIN): PG_BIN=${PG_ROOT}/$made/bin keeps the old major; to move to $(pg_major), 'cluster destroy' a throw-away cluster (its data is lost) or upgrade it with pg_upgrade"
  if as_pg "$PG_BIN/pg_ctl" status -D "$data" >/dev/null 2>&1; then
    log "$name already running on $HOST:$port"
    return 0
  fi
  if port_taken "$HOST" "$port"; then
    die "$HOST:$port is taken by another process (another cluster? stop it with its own CLUSTER_DIR: cluster stop)"
  fi
  log "starting $name on $HOST:$port"
  as_pg "$PG_BIN/pg_ctl" start -w -t 60 -D "$data" -l "$CLUSTER_DIR/logs/$name.log" >/dev/null \
    || die "$name did not start; see $CLUSTER_DIR/logs/$name.log"
}

create_database() { # port
  local port=$1
  if [[ -z $(psql_node "$port" -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$CLUSTER_DB'") ]]; then
    psql_node "$port" -d postgres -c "CREATE DATABASE \"$CLUSTER_DB\""
  fi
  if is_citus; then
    psql_node "$port" -d "$CLUSTER_DB" -c "CREATE EXTENSION IF NOT EXISTS citus"
  fi
}

local_running() { [[ -d $CLUSTER_DIR/data/$1 ]] && as_pg "$PG_BIN/pg_ctl" status -D "$CLUSTER_DIR/data/$1" >/dev/null 2>&1; }

local_stop() { # name
  local data=$CLUSTER_DIR/data/$1
  if local_running "$1"; then
    log "stopping $1"
    as_pg "$PG_BIN/pg_ctl" stop -w -m fast -D "$data" >/dev/null
  fi
}

start_local_nodes() {
  mkdir -p "$CLUSTER_DIR"/{data,run}
  chmod 700 "$CLUSTER_DIR/run"
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres: "$CLUSTER_DIR"/{data,logs,run}
    runuser -u postgres -- test -w "$CLUSTER_DIR/data" \
      || die "the postgres user cannot write $CLUSTER_DIR/data: choose a CLUSTER_DIR it can reach"
  fi
  local name port
  while read -r name port; do
    init_node "$name" "$port"
    start_node "$name" "$port"
    create_database "$port"
  done < <(nodes)
}
