# shellcheck shell=bash
# The bootstrap: SQL to the coordinator as the bootstrap's login, whatever started the nodes. It
# registers the local workers, lets the local nodes log in to each other, creates each role of
# server-config/services (a service's with its schema, distributed) and the admin API's objects.
# Every step is a file of server-config/src/main/sql, and idempotent.

register_workers() {
  local name port host citus_port
  while read -r name port; do
    read -r host citus_port < <(citus_address "$name" "$port")
    if [[ $name == coordinator ]]; then
      sql_file register-coordinator.sql "" -v host="$host" -v port="$citus_port"
    else
      sql_file register-worker.sql "$name" -v host="$host" -v port="$citus_port"
    fi
  done < <(nodes)
}

# The role's password in pg_dist_authinfo of every local node (node-password.sql says why), or of
# the coordinator alone.
node_password() { # role [coordinator-only]
  local everywhere=true
  [[ ${2:-} != coordinator-only ]] || everywhere=false
  sql_file node-password.sql "$1" -v role="$1" -v authinfo="password=$(credential "$1")" -v everywhere="$everywhere"
}

bootstrap() {
  local role admin superuser createrole citus create
  connect_or_die
  read -r superuser createrole citus create < <(psql_coordinator -At -F ' ' -f "$sql_dir/login-rights.sql")
  if is_local && is_citus; then
    step "CREATE EXTENSION citus" -c "CREATE EXTENSION IF NOT EXISTS citus"
    # The coordinator reaches the workers as the superuser to add them: its password first.
    node_password postgres coordinator-only
    register_workers
    node_password postgres
    sql_file tenant-statistics.sql ""
  elif ! is_local; then
    [[ $citus == t ]] || die "database '$CLUSTER_DB' on $DB_HOST:$CLUSTER_PORT has no citus extension: point CLUSTER_HOST and CLUSTER_DB at a Citus coordinator's database (a superuser runs CREATE EXTENSION citus there)"
    [[ $superuser == t || $createrole == t ]] || die "$CLUSTER_ADMIN_USER may not create roles: the bootstrap needs a login with CREATEROLE (a managed service's admin login has it) or a superuser"
    [[ $superuser == t || $create == t ]] || die "$CLUSTER_ADMIN_USER may not create schemas in database '$CLUSTER_DB': grant it CREATE on the database (or make it its owner)"
  fi
  # Without a superuser, the roles' superuser attribute is left alone (only a superuser may name it).
  local as=(-v superuser="$([[ $superuser == t ]] && echo true || echo false)")
  for admin in $(roles admin); do
    sql_file admin-role.sql "$admin" "${as[@]}" -v role="$admin" -v password="$(credential "$admin")" -v dbname="$CLUSTER_DB"
    sql_file role-createdb.sql "$admin" -v role="$admin"
    # Its audit trail, which the bootstrap login owns and the admin role may only add to and read.
    sql_file admin-audit.sql "$admin" -v role="$admin"
    if is_citus; then
      sql_file admin-worker-connections.sql "$admin" -v role="$admin"
      # Onboarding (POST /services) as this login, which may create roles: a superuser or CREATEROLE.
      sql_file admin-onboard.sql "$admin" -v role="$admin"
      # Pinned schemas: the table everywhere, the rebalance strategies that keep pins where a superuser may add them.
      sql_file admin-pins.sql "$admin" "${as[@]}" -v role="$admin"
      if [[ $superuser == t ]]; then
        sql_file admin-citus.sql "$admin" -v role="$admin"
      else
        log "$CLUSTER_ADMIN_USER is no superuser: the admin API cannot add, drain or remove nodes or pin schemas here (it says so); onboarding a service and every schema operation work"
      fi
    fi
    if is_local && is_citus; then node_password "$admin"; fi
  done
  for role in $(roles service); do
    sql_file service-schema.sql "$role" "${as[@]}" -v role="$role" -v password="$(credential "$role")" -v dbname="$CLUSTER_DB"
    sql_file role-createdb.sql "$role" -v role="$role"
    if is_citus; then
      if is_local; then node_password "$role"; fi
      sql_file service-distribute.sql "$role" -v role="$role"
    fi
    for admin in $(roles admin); do
      sql_file admin-membership.sql "$role" -v role="$role" -v admin="$admin"
    done
  done
}
