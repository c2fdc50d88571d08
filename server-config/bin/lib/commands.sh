# shellcheck shell=bash
# The launcher's commands about the cluster: start, bootstrap, secrets, stop, destroy, status.
# (post-boot and server-commands are bin/payara-commands'.)

# What start and bootstrap need first: the mode, the admin login's password for your own
# cluster, and the roles' passwords.
prepare() {
  resolve_mode starting
  is_local || admin_password
  mkdir -p "$CLUSTER_DIR/logs"
  prepare_secrets
}

cmd_start() {
  prepare
  case $MODE in
    containers) start_container_nodes ;;
    external) ;;
    *) start_local_nodes ;;
  esac
  echo "$MODE" >"$CLUSTER_DIR/mode"
  bootstrap
  report
}

# The roles' passwords alone (credentials.env), for a cluster whose nodes start later.
cmd_secrets() {
  mkdir -p "$CLUSTER_DIR"
  prepare_secrets
}

# The bootstrap alone, for nodes started by something else (CLUSTER_MODE says which kind).
cmd_bootstrap() {
  prepare
  bootstrap
  report
}

report() {
  local workers=() name port
  if ! is_local; then
    log "your own Citus cluster at $DB_HOST:$CLUSTER_PORT (database '$CLUSTER_DB', sslmode $CLUSTER_SSLMODE) is set up: schemas distributed: $(roles service | paste -sd' '); nodes: $(psql_coordinator -At -c "SELECT string_agg(nodename || ':' || nodeport, ' ' ORDER BY groupid) FROM pg_dist_node")"
    log "role passwords in $CLUSTER_DIR/credentials.env"
    return
  fi
  if is_citus; then
    while read -r name port; do
      [[ $name == coordinator ]] || workers+=("$(citus_address "$name" "$port" | tr ' ' :)")
    done < <(nodes)
    log "Citus cluster ready ($MODE): coordinator $HOST:$CLUSTER_PORT, workers ${workers[*]}; schemas distributed: $(roles service | paste -sd' ')"
  else
    log "PostgreSQL ready on $HOST:$CLUSTER_PORT. Citus is NOT in use (not installed, or CLUSTER_MODE=postgres), so the schemas are NOT distributed: every schema lives on this one server."
    log "To get Citus, one of:"
    log "  Docker: install it (Debian/Ubuntu: apt-get install docker.io) and run again: the official citusdata/citus image runs a coordinator and two workers"
    log "  Debian/Ubuntu: curl https://install.citusdata.com/community/deb.sh | sudo bash; sudo apt-get install postgresql-15-citus-13.2"
    log "  RHEL/Rocky: curl https://install.citusdata.com/community/rpm.sh | sudo bash; sudo yum install citus132_15"
    log "  macOS: brew install citus"
    log "Or point the product at a Citus cluster you have: CLUSTER_HOST, CLUSTER_PORT, CLUSTER_DB, CLUSTER_SSLMODE, CLUSTER_SSLROOTCERT, CLUSTER_ADMIN_USER and CLUSTER_ADMIN_PASSWORD_FILE (docs/operations.md, "Your own cluster")."
  fi
  log "database '$CLUSTER_DB'; role passwords in $CLUSTER_DIR/credentials.env"
}

# Stops every node, or only the one named (coordinator, worker1, worker2): fault tests stop one
# node while the services run; `start` brings it back. Containers and their volumes stay.
cmd_stop() {
  local only=${1:-} name port
  has_cluster || [[ -n $CLUSTER_HOST ]] || { [[ -z $only ]] || die "no cluster in $CLUSTER_DIR"; return 0; }
  resolve_mode
  is_local || { log "the cluster is your own: nothing to stop here"; return 0; }
  [[ -z $only ]] || grep -q "^$only " <<<"$(nodes)" || die "no node '$only' (the nodes: $(nodes | cut -d' ' -f1 | paste -sd' '))"
  while read -r name port; do
    [[ -z $only || $name == "$only" ]] || continue
    if [[ $MODE == containers ]]; then container_stop "$name"; else local_stop "$name"; fi
  done < <(nodes)
}

# Stops the cluster and deletes its data (containers, volumes and network too), logs and secrets:
# the next start begins afresh.
cmd_destroy() {
  [[ -d $CLUSTER_DIR ]] || return 0
  [[ -f $CLUSTER_DIR/credentials.env || -f $CLUSTER_DIR/mode ]] \
    || die "$CLUSTER_DIR does not look like a cluster directory; not deleting it"
  if has_cluster; then
    resolve_mode
    if [[ $MODE == containers ]]; then destroy_containers
    elif is_local; then cmd_stop
    else log "the cluster is your own: its roles, schemas and data stay; only $CLUSTER_DIR goes"
    fi
  fi
  log "deleting $CLUSTER_DIR"
  rm -rf "$CLUSTER_DIR"
}

cmd_status() {
  local name port running=0 total=0 state
  if [[ -z $CLUSTER_HOST ]]; then has_cluster || { echo "no cluster in $CLUSTER_DIR (cluster start)"; return 1; }; fi
  resolve_mode
  local made=
  case $MODE in
    containers) made=$(existing_image); made="   image: ${made:-$CITUS_IMAGE}" ;;
    local | postgres) made="   postgres: $PG_BIN" ;;
  esac
  echo "mode: $MODE   dir: $CLUSTER_DIR   database: $CLUSTER_DB$made"
  if ! is_local; then
    [[ -n $CLUSTER_HOST ]] || die "$CLUSTER_DIR is set up for your own cluster: give its settings again (CLUSTER_ENV_FILE, or CLUSTER_HOST and the rest) to see its status"
    admin_password
    connect_or_die
    echo "coordinator  $DB_HOST:$CLUSTER_PORT  answers (sslmode $CLUSTER_SSLMODE); nodes as Citus knows them:"
    psql_coordinator -At -F '  ' -c "SELECT nodename || ':' || nodeport, noderole, CASE WHEN isactive THEN 'active' ELSE 'inactive' END FROM pg_dist_node ORDER BY groupid"
    return
  fi
  while read -r name port; do
    total=$((total + 1))
    if [[ $MODE == containers ]]; then
      state=$(container_state "$name")
      echo "$name  $HOST:$port  $state  (container $project-$name, volume $project-$name-data)"
      [[ $state == running ]] && running=$((running + 1))
    elif local_running "$name"; then
      echo "$name  $HOST:$port  running"; running=$((running + 1))
    else
      echo "$name  $HOST:$port  stopped"
    fi
  done < <(nodes)
  [[ $running -eq $total ]]
}
