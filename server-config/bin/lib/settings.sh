# shellcheck shell=bash
# The launcher's settings: the CLUSTER_* environment (or a file of it, CLUSTER_ENV_FILE), each
# checked once here so a wrong value stops every command with one line naming it. Sourced by
# bin/cluster and bin/payara-commands, which set config_dir, repo_dir and log_name first.

log() { printf '[%s] %s\n' "$log_name" "$*" >&2; }
die() { printf '[%s] error: %s\n' "$log_name" "$*" >&2; exit 1; }

must_be_private() { # file that holds a password
  [[ $(stat -c %a "$1") == [46]00 ]] || die "$1 holds a password but others may read it (mode $(stat -c %a "$1")): chmod 600 $1"
}

# Settings may also come from a file of KEY=VALUE lines (CLUSTER_ENV_FILE); the environment wins.
# A file that holds a password must be private (mode 600).
load_env_file() { # file
  local file=$1 line key
  [[ -f $file && -r $file ]] || die "CLUSTER_ENV_FILE $file is not a readable file"
  if grep -q 'PASSWORD' "$file"; then must_be_private "$file"; fi
  while IFS= read -r line || [[ -n $line ]]; do
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    [[ $line =~ ^(CLUSTER_[A-Z_]+|[A-Z_]+_PASSWORD)=(.*)$ ]] || die "$file: not a CLUSTER_* or *_PASSWORD setting: ${line%%=*}"
    key=${BASH_REMATCH[1]}
    [[ -n ${!key:-} ]] || export "$key=${BASH_REMATCH[2]}"
  done <"$file"
}
if [[ -n ${CLUSTER_ENV_FILE:-} ]]; then load_env_file "$CLUSTER_ENV_FILE"; fi

CLUSTER_DIR=$(realpath -m "${CLUSTER_DIR:-$repo_dir/.local/cluster}")
CLUSTER_PORT=${CLUSTER_PORT:-9700}
CLUSTER_DB=${CLUSTER_DB:-citus}
CLUSTER_MODE=${CLUSTER_MODE:-auto}
# The default line: one source with the tests and CI (server-config/citus.properties).
# shellcheck disable=SC2034 # containers.sh tells an image asked for from the default
CITUS_IMAGE_ASKED=${CITUS_IMAGE:-}
CITUS_IMAGE=${CITUS_IMAGE:-$(sed -n 's/^citus\.default\.image=//p' "$config_dir/citus.properties")}
POOL_LEAK_TIMEOUT=${POOL_LEAK_TIMEOUT:-0}
# Your own cluster: its coordinator's host (set: no local node is started), TLS, and the login that
# sets the product up there (its password in CLUSTER_ADMIN_PASSWORD or CLUSTER_ADMIN_PASSWORD_FILE).
CLUSTER_HOST=${CLUSTER_HOST:-}
CLUSTER_SSLMODE=${CLUSTER_SSLMODE:-prefer}
CLUSTER_SSLROOTCERT=${CLUSTER_SSLROOTCERT:-}
CLUSTER_ADMIN_USER=${CLUSTER_ADMIN_USER:-postgres}
# Local nodes listen here; clients reach the coordinator at DB_HOST.
HOST=127.0.0.1
DB_HOST=${CLUSTER_HOST:-$HOST}

# Your own cluster's coordinator may listen on any port; local nodes take three from this one on.
if [[ -n $CLUSTER_HOST ]]; then lowest=1 highest=65535; else lowest=1024 highest=65533; fi
if [[ ! $CLUSTER_PORT =~ ^[0-9]+$ ]] || ((CLUSTER_PORT < lowest || CLUSTER_PORT > highest)); then
  die "CLUSTER_PORT must be a port from $lowest to $highest, not '$CLUSTER_PORT'"
fi
[[ $POOL_LEAK_TIMEOUT =~ ^[0-9]{1,6}$ ]] \
  || die "POOL_LEAK_TIMEOUT must be a number of seconds (0 turns leak tracing off), not '$POOL_LEAK_TIMEOUT'"
[[ $CLUSTER_DB =~ ^[a-z_][a-z0-9_]{0,62}$ ]] \
  || die "CLUSTER_DB must be a lower-case SQL identifier (letters, digits, _), not '$CLUSTER_DB'"
[[ $CITUS_IMAGE =~ ^[A-Za-z0-9][A-Za-z0-9._/:@-]*$ ]] || die "CITUS_IMAGE is not an image reference: '$CITUS_IMAGE'"
[[ -z $CLUSTER_HOST || $CLUSTER_HOST =~ ^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$|^[0-9A-Fa-f:]+$ ]] \
  || die "CLUSTER_HOST must be a host name or an IP address, not '$CLUSTER_HOST'"
[[ $CLUSTER_SSLMODE =~ ^(disable|allow|prefer|require|verify-ca|verify-full)$ ]] \
  || die "CLUSTER_SSLMODE must be disable, allow, prefer, require, verify-ca or verify-full, not '$CLUSTER_SSLMODE'"
if [[ -n $CLUSTER_SSLROOTCERT ]]; then
  [[ -f $CLUSTER_SSLROOTCERT && -r $CLUSTER_SSLROOTCERT ]] || die "CLUSTER_SSLROOTCERT $CLUSTER_SSLROOTCERT is not a readable file"
  CLUSTER_SSLROOTCERT=$(realpath "$CLUSTER_SSLROOTCERT")
  # The pools' property lists separate with ':' and the conninfo with spaces.
  [[ $CLUSTER_SSLROOTCERT =~ ^[A-Za-z0-9._/+-]+$ ]] || die "CLUSTER_SSLROOTCERT's path may hold only letters, digits and ._/+-: $CLUSTER_SSLROOTCERT"
fi
[[ $CLUSTER_ADMIN_USER =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "CLUSTER_ADMIN_USER must be a lower-case role name, not '$CLUSTER_ADMIN_USER'"

# A Unix socket path has at most 107 bytes: the nodes' sockets live in $CLUSTER_DIR/run.
socket_path="$CLUSTER_DIR/run/.s.PGSQL.$CLUSTER_PORT"
[[ ${#socket_path} -le 107 ]] || die "CLUSTER_DIR is too deep for a socket path ($socket_path): choose a shorter one"
