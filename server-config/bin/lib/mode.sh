# shellcheck shell=bash
# Which nodes: the mode a cluster runs in (containers, local, postgres or external), the nodes it
# has and the addresses Citus knows them by.

docker_answers() { command -v docker >/dev/null && timeout 20 docker info >/dev/null 2>&1; }

# The image is there, or can be pulled (a machine without a registry answers no quickly enough).
have_image() {
  docker image inspect "$CITUS_IMAGE" >/dev/null 2>&1 && return 0
  log "pulling $CITUS_IMAGE"
  timeout 600 docker pull -q "$CITUS_IMAGE" >/dev/null 2>&1
}

# The mode this cluster runs in: the one it was started in, else CLUSTER_MODE resolved.
MODE=
resolve_mode() { # [starting]
  [[ -z $MODE ]] || return 0
  local kept=$CLUSTER_DIR/mode
  case $CLUSTER_MODE in
    citus) CLUSTER_MODE=local ;;
    auto | containers | local | postgres | external) ;;
    *) die "CLUSTER_MODE must be auto, containers, local, postgres or external, not '$CLUSTER_MODE'" ;;
  esac
  # A cluster named by its host is the user's own: no local node, whatever was here before.
  if [[ -n $CLUSTER_HOST || $CLUSTER_MODE == external ]]; then
    [[ -n $CLUSTER_HOST ]] || die "CLUSTER_MODE=external needs CLUSTER_HOST, the coordinator's host"
    [[ $CLUSTER_MODE == auto || $CLUSTER_MODE == external ]] \
      || die "CLUSTER_HOST names your own cluster, so CLUSTER_MODE=$CLUSTER_MODE (local nodes) does not apply: unset one of them"
    MODE=external
    return 0
  fi
  # A cluster started before the mode was kept is a local one, with workers or without.
  if [[ ! -s $kept && -d $CLUSTER_DIR/data/coordinator ]]; then
    if [[ -d $CLUSTER_DIR/data/worker1 ]]; then echo local >"$kept"; else echo postgres >"$kept"; fi
  fi
  # Stopping, reporting and destroying address the cluster as it was started; starting it again
  # in another mode would mix two kinds of nodes.
  if [[ -s $kept ]]; then
    MODE=$(<"$kept")
    [[ ${1:-} != starting || $CLUSTER_MODE == auto || $CLUSTER_MODE == "$MODE" ]] \
      || die "$CLUSTER_DIR holds a cluster started in $MODE mode, not $CLUSTER_MODE: 'cluster destroy' it first, or choose another CLUSTER_DIR"
    return 0
  fi
  case $CLUSTER_MODE in
    containers)
      docker_answers || die "CLUSTER_MODE=containers but no Docker daemon answers (Debian: apt-get install docker.io, then start dockerd)"
      have_image || die "CLUSTER_MODE=containers but $CITUS_IMAGE is not on this machine and cannot be pulled"
      MODE=containers ;;
    local) has_citus || die "CLUSTER_MODE=local but the Citus extension is not installed in this machine's PostgreSQL"; MODE=local ;;
    postgres) MODE=postgres ;;
    auto)
      if has_citus; then MODE=local
      elif docker_answers && have_image; then MODE=containers
      else MODE=postgres
      fi ;;
  esac
  if [[ $MODE != containers ]]; then
    [[ -n $PG_BIN ]] || die "no PostgreSQL server found: install it (Debian: apt-get install postgresql), set PG_BIN, or run Citus in containers (CLUSTER_MODE=containers, with Docker)"
    [[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl ]] || die "$PG_BIN has no initdb/pg_ctl"
  fi
}

is_citus() { [[ $MODE != postgres ]]; }
is_local() { [[ $MODE != external ]]; }

has_cluster() { [[ -s $CLUSTER_DIR/mode || -d $CLUSTER_DIR/data/coordinator ]]; }

# Node name and the port it answers on at 127.0.0.1, one line each: the coordinator first (the
# local nodes; your own cluster's nodes are its own business).
nodes() {
  is_local || return 0
  echo "coordinator $CLUSTER_PORT"
  if is_citus; then
    echo "worker1 $((CLUSTER_PORT + 1))"
    echo "worker2 $((CLUSTER_PORT + 2))"
  fi
}

# The address Citus knows a node by (pg_dist_node): containers reach each other by network name.
citus_address() { # name port
  if [[ $MODE == containers ]]; then echo "$1 5432"; else echo "$HOST $2"; fi
}
