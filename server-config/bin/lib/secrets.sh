# shellcheck shell=bash
# The roles' passwords: taken from the environment, else generated once and kept in
# $CLUSTER_DIR/credentials.env (mode 600), and the local nodes' password file made from them.

# The variable holding a role's password: <ROLE>_DB_PASSWORD; the admin API's local users
# (admin_reader, admin_operator) are not database roles: ADMIN_READER_PASSWORD, ADMIN_OPERATOR_PASSWORD.
role_env() {
  local upper
  upper=$(tr '[:lower:]' '[:upper:]' <<<"$1")
  case $1 in admin_*) echo "${upper}_PASSWORD" ;; *) echo "${upper}_DB_PASSWORD" ;; esac
}

new_secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# Passwords: taken from the environment when set, otherwise generated once and kept.
prepare_secrets() {
  local creds=$CLUSTER_DIR/credentials.env secrets=$CLUSTER_DIR/secrets
  mkdir -p "$secrets"
  touch "$creds"; chmod 600 "$creds"
  local role var value
  for role in postgres $(roles) admin_reader admin_operator; do
    var=$(role_env "$role")
    value=${!var:-}
    if [[ -z $value ]]; then
      value=$(sed -n "s/^$var=//p" "$creds" | tail -n 1)
    fi
    [[ -n $value ]] || value=$(new_secret)
    [[ $value =~ ^[A-Za-z0-9._~+/=-]+$ ]] || die "$var may hold only letters, digits and ._~+/=-"
    sed -i "/^$var=/d" "$creds"
    echo "$var=$value" >>"$creds"
  done
  # libpq's password file: the bootstrap's superuser login, and the local nodes' own connections
  # (Citus between nodes, as each role).
  {
    for role in postgres $(roles); do
      var=$(role_env "$role")
      echo "*:*:*:$role:$(sed -n "s/^$var=//p" "$creds")"
    done
  } >"$secrets/pgpass"
  chmod 600 "$secrets/pgpass"
  if [[ $(id -u) -eq 0 ]] && id postgres >/dev/null 2>&1; then chown -R postgres: "$secrets"; fi
}

credential() { sed -n "s/^$(role_env "$1")=//p" "$CLUSTER_DIR/credentials.env"; }
