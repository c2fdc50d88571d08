# shellcheck shell=bash
# Container nodes (mode containers): the official Citus image on a Docker network of the cluster's
# own, each node's port published on 127.0.0.1 only, its data in a named volume.

# Everything of one containers cluster carries this name (and the label): its network, its
# containers <project>-<node> and their volumes <project>-<node>-data.
project=citus-schemas-$CLUSTER_PORT
label=org.citusschemas.cluster=$project

container_state() { # created, running, paused, exited... or absent
  local state
  state=$(docker container inspect -f '{{.State.Status}}' "$project-$1" 2>/dev/null) || state=
  echo "${state:-absent}"
}

start_container() { # name port
  local name=$1 port=$2 state
  state=$(container_state "$name")
  case $state in
    running) log "$name already running on $HOST:$port ($project-$name)"; return 0 ;;
    paused) log "unpausing $name"; docker unpause "$project-$name" >/dev/null; return 0 ;;
    absent)
      if port_taken "$HOST" "$port"; then die "$HOST:$port is taken by another process (another cluster?)"; fi
      log "starting $name on $HOST:$port ($project-$name, $CITUS_IMAGE)"
      docker volume create --label "$label" "$project-$name-data" >/dev/null
      local data_path
      data_path=$(image_data_path)
      # The password goes by name (-e VAR): its value stays out of the command line. The database
      # and the citus extension in it are created by the image on the volume's first start.
      POSTGRES_PASSWORD=$(credential postgres) docker run -d --name "$project-$name" --label "$label" \
        --network "$project" --network-alias "$name" --hostname "$name" \
        -p "$HOST:$port:5432" -v "$project-$name-data:$data_path" \
        -e POSTGRES_PASSWORD -e POSTGRES_DB="$CLUSTER_DB" \
        "$CITUS_IMAGE" postgres -c wal_level=logical -c max_connections=200 >/dev/null \
        || die "could not start container $project-$name"
      ;;
    *)
      if port_taken "$HOST" "$port"; then die "$HOST:$port is taken by another process (another cluster?)"; fi
      log "starting $name on $HOST:$port ($project-$name)"
      docker start "$project-$name" >/dev/null || die "could not start container $project-$name"
      ;;
  esac
}

# A node answers once its superuser logs in over its published port (the image's first start
# initialises the data, then restarts the server).
wait_for_node() { # name port
  local name=$1 port=$2 deadline=$((SECONDS + 120))
  until env PGPASSFILE="$CLUSTER_DIR/secrets/pgpass" PGCONNECT_TIMEOUT=2 "$PSQL" -X -q -h "$HOST" -p "$port" \
      -U postgres -d "$CLUSTER_DB" -Atc "SELECT 1" >/dev/null 2>&1; do
    if [[ $(container_state "$name") != running ]]; then
      docker logs --tail 20 "$project-$name" >&2 || true
      die "container $project-$name stopped before it was ready"
    fi
    ((SECONDS < deadline)) || die "$name did not answer on $HOST:$port within 120 s (docker logs $project-$name)"
    sleep 0.5
  done
}

# Where the image keeps its data, so the named volume holds it: the directory the image declares as
# its volume (the official images: /var/lib/postgresql/data up to PostgreSQL 17; from 18 on,
# /var/lib/postgresql, with the data in a directory per major below it, and a volume mounted at the
# old path refused), else its PGDATA, else the official images' old path.
image_data_path() {
  local path
  path=$(docker image inspect -f '{{range $v, $_ := .Config.Volumes}}{{println $v}}{{end}}' "$CITUS_IMAGE" 2>/dev/null | sed -n '1p')
  [[ -n $path ]] || path=$(docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$CITUS_IMAGE" 2>/dev/null | sed -n 's/^PGDATA=//p')
  echo "${path:-/var/lib/postgresql/data}"
}

# The image the cluster's containers were made from, when they exist. A cluster is one image's:
# its data was made by that image's PostgreSQL major and Citus version.
existing_image() {
  local name
  while read -r name _; do
    docker container inspect -f '{{.Config.Image}}' "$project-$name" 2>/dev/null && return 0
  done < <(nodes)
  return 0
}

start_container_nodes() {
  local made
  made=$(existing_image)
  if [[ -n $made && $made != "$CITUS_IMAGE" ]]; then
    if [[ -n $CITUS_IMAGE_ASKED ]]; then
      die "this cluster's containers ($project-*) were made from $made, not CITUS_IMAGE=$CITUS_IMAGE: its data belongs to that image's PostgreSQL and Citus, so they are not started on another. Run again without CITUS_IMAGE (or CITUS_IMAGE=$made) to keep them; for a throw-away cluster, 'cluster destroy' (./run destroy) deletes them and their data, and the next start makes them from $CITUS_IMAGE; otherwise the data stays in the volumes $project-*-data"
    fi
    log "this cluster's containers were made from $made (the default is now $CITUS_IMAGE): starting them as they are; ./run destroy and start again for the new line (the data is lost)"
    CITUS_IMAGE=$made
  fi
  docker network inspect "$project" >/dev/null 2>&1 \
    || docker network create --label "$label" "$project" >/dev/null \
    || die "could not create the Docker network $project"
  local name port
  while read -r name port; do start_container "$name" "$port"; done < <(nodes)
  while read -r name port; do wait_for_node "$name" "$port"; done < <(nodes)
}

container_stop() { # name
  case $(container_state "$1") in
    running | paused) log "stopping $1"; docker stop "$project-$1" >/dev/null ;;
  esac
}

destroy_containers() {
  local ids
  mapfile -t ids < <(docker ps -aq --filter "label=$label")
  ((${#ids[@]} == 0)) || { log "removing containers of $project"; docker rm -f "${ids[@]}" >/dev/null; }
  mapfile -t ids < <(docker volume ls -q --filter "label=$label")
  ((${#ids[@]} == 0)) || { log "removing volumes of $project"; docker volume rm "${ids[@]}" >/dev/null; }
  docker network inspect "$project" >/dev/null 2>&1 && docker network rm "$project" >/dev/null
  return 0
}
