# shellcheck shell=bash
# Talking to the coordinator as the bootstrap's login: one connection for every kind of node, the
# bootstrap's steps (failures told apart by SQLSTATE), and why a login fails.

sql_dir=$config_dir/src/main/sql

# The bootstrap's login on your own cluster: CLUSTER_ADMIN_USER, its password from the environment
# or a private file. (The local nodes' superuser logs in with the cluster's password file.)
ADMIN_PASSWORD=
admin_password() {
  if [[ -n ${CLUSTER_ADMIN_PASSWORD:-} ]]; then ADMIN_PASSWORD=$CLUSTER_ADMIN_PASSWORD; return; fi
  local file=${CLUSTER_ADMIN_PASSWORD_FILE:-}
  [[ -n $file ]] || die "no password for $CLUSTER_ADMIN_USER: set CLUSTER_ADMIN_PASSWORD, or CLUSTER_ADMIN_PASSWORD_FILE to a file of mode 600"
  [[ -f $file && -r $file ]] || die "CLUSTER_ADMIN_PASSWORD_FILE $file is not a readable file"
  must_be_private "$file"
  ADMIN_PASSWORD=$(head -n 1 "$file")
}

# The bootstrap's login: the local nodes' superuser, or the admin login of your own cluster.
login_user() { if is_local; then echo postgres; else echo "$CLUSTER_ADMIN_USER"; fi; }

conninfo() { # the coordinator, for libpq
  local info="host=$DB_HOST port=$CLUSTER_PORT dbname=$CLUSTER_DB sslmode=$CLUSTER_SSLMODE"
  [[ -z $CLUSTER_SSLROOTCERT ]] || info+=" sslrootcert=$CLUSTER_SSLROOTCERT"
  echo "$info"
}

# psql on the coordinator as the bootstrap's login: its password from the cluster's password file
# (local nodes) or ADMIN_PASSWORD, none with without_password=true; never asking on a terminal.
# Settings given first ("key=value ...") replace the connection's own: libpq takes a key's last value.
psql_login() { # settings (or ""), then psql arguments
  local settings=$1 password=(PGPASSFILE="$CLUSTER_DIR/secrets/pgpass")
  shift
  is_local || password=(PGPASSWORD="$ADMIN_PASSWORD")
  # No password file can exist below /dev/null.
  [[ ${without_password:-} != true ]] || password=(PGPASSFILE=/dev/null/none)
  env -u PGPASSWORD "${password[@]}" PGCONNECT_TIMEOUT=5 PGOPTIONS="-c client_min_messages=warning" \
    "$PSQL" -X -q -w -v ON_ERROR_STOP=1 -d "$(conninfo) user=$(login_user)${settings:+ $settings}" "$@"
}

psql_coordinator() { psql_login "" "$@"; }

# One step of the bootstrap. psql's verbose report puts the server's SQLSTATE in its error line
# ("ERROR:  42501: permission denied ..."): the code, not the wording, picks what the user is told.
# The server's other lines (warnings, DETAIL, HINT, CONTEXT) are shown as psql would show them.
step() { # what it does (for the message), then psql arguments
  local what=$1 report code message error='(ERROR|FATAL):  ([0-9A-Z]{5}): ([^'$'\n'']*)'
  shift
  if report=$(psql_coordinator -v VERBOSITY=verbose -o /dev/null "$@" 2>&1 >/dev/null); then
    [[ -z $report ]] || as_psql_shows "$report" >&2
    return 0
  fi
  [[ $report =~ $error ]] || die "$what failed: ${report%%$'\n'*}"
  code=${BASH_REMATCH[2]} message=${BASH_REMATCH[3]}
  as_psql_shows "$report" | sed -E '/(ERROR|FATAL):  /d' >&2
  case $code in
    42501) die "$what: $message: $(login_user) lacks this right (the bootstrap needs a superuser, or a login with CREATEROLE that may create schemas in database '$CLUSTER_DB')" ;;
    08* | 57P0[123]) die "$what: $message: a node went away or did not answer (SQLSTATE $code); once every node runs, run the bootstrap again" ;;
    # Raised by the launcher's own SQL, whose message says what to do.
    P0001) die "$what: $message" ;;
    *) die "$what: $message (SQLSTATE $code)" ;;
  esac
}

# A verbose report as psql shows it by default: no SQLSTATE in a message's line, no source location.
as_psql_shows() { # report
  sed -E -e '/^LOCATION:  /d' -e 's/(WARNING|NOTICE|INFO):  [0-9A-Z]{5}: /\1:  /' <<<"$1"
}

# A file of server-config/src/main/sql as a step of the bootstrap, its variables as -v name=value.
sql_file() { # file, the role it is run for (or ""), then psql arguments
  local file=$1 role=$2
  shift 2
  step "$file${role:+ for $role}" "$@" -f "$sql_dir/$file"
}

# The coordinator answers and lets the bootstrap's login in, or the launcher stops with one line
# on why and what to change.
connect_or_die() {
  local started=$SECONDS error
  error=$(psql_coordinator -o /dev/null -c "SELECT 1" 2>&1) && return 0
  die "$(why_no_login "$error" $((SECONDS - started)))"
}

# The login gets in with these settings changed.
gets_in() { psql_login "$1" -o /dev/null -c "SELECT 1" >/dev/null 2>&1; }

# Why the login failed. psql reports a failed connection without a SQLSTATE (libpq applies the
# error verbosity to an open session only, and its own failures, such as a refused connection or
# a certificate it rejects, have none), and a server words its refusals in its own language. So
# the cause is found by trying, not by reading: the host, the port, then the same login with one
# setting changed at a time; the first change that lets it in names the cause.
why_no_login() { # psql's error, the seconds it took
  local where="$DB_HOST:$CLUSTER_PORT" user said db without
  user=$(login_user)
  said=${1%%$'\n'*}; said=${said#psql: }; said=${said#error: }
  if command -v getent >/dev/null && ! getent ahosts "$DB_HOST" >/dev/null; then
    echo "cannot resolve $DB_HOST: check CLUSTER_HOST"; return
  fi
  if (($2 >= 4)); then
    echo "$where did not answer within 5 s: check CLUSTER_HOST, CLUSTER_PORT and the network between (a firewall?)"; return
  fi
  # psql failed fast, so a TCP connection is answered or refused fast as well.
  if ! port_taken "$DB_HOST" "$CLUSTER_PORT"; then
    echo "nothing answers on $where: check CLUSTER_HOST and CLUSTER_PORT, and that the coordinator runs"; return
  fi
  # pg_isready's exit status says whether a PostgreSQL answered at all (any answer of its own, a
  # refusal too, counts), and whether it takes connections yet.
  local ready=0
  "$(dirname "$PSQL")/pg_isready" -q -d "host=$DB_HOST port=$CLUSTER_PORT sslmode=disable connect_timeout=5" 2>/dev/null || ready=$?
  case $ready in
    1) echo "$where is starting up or shutting down: run this again in a moment"; return ;;
    2) echo "something answers on $where, but not as PostgreSQL: check CLUSTER_PORT"; return ;;
  esac
  # TLS that checks no certificate: libpq checks none without a root certificate file, and no
  # file can exist below /dev/null.
  local unchecked="sslmode=require sslrootcert=/dev/null/none"
  case $CLUSTER_SSLMODE in
    verify-ca | verify-full)
      if [[ -z $CLUSTER_SSLROOTCERT && ! -f ${PGSSLROOTCERT:-${HOME:-/nonexistent}/.postgresql/root.crt} ]]; then
        echo "CLUSTER_SSLMODE=$CLUSTER_SSLMODE checks the server's certificate: set CLUSTER_SSLROOTCERT to your provider's CA certificate"; return
      fi ;;
  esac
  case $CLUSTER_SSLMODE in
    require | verify-ca | verify-full)
      if gets_in "$unchecked"; then
        if [[ $CLUSTER_SSLMODE == verify-full ]] && gets_in sslmode=verify-ca; then
          echo "the coordinator's TLS certificate does not name $DB_HOST: set CLUSTER_HOST to the host name the certificate names"
        else
          echo "the coordinator's TLS certificate is not signed by the CA in CLUSTER_SSLROOTCERT (${CLUSTER_SSLROOTCERT:-none given}): give your provider's CA certificate"
        fi
        return
      fi
      if gets_in sslmode=disable; then
        echo "$where does not offer TLS, but CLUSTER_SSLMODE=$CLUSTER_SSLMODE requires it"; return
      fi ;;
    disable)
      if gets_in "$unchecked"; then
        echo "$where accepts only TLS connections: set CLUSTER_SSLMODE=verify-full and CLUSTER_SSLROOTCERT (or require)"; return
      fi ;;
  esac
  # A login that gets into another database: this one is missing, or closed to it.
  for db in postgres template1; do
    if [[ $db == "$CLUSTER_DB" ]] || ! gets_in "dbname=$db"; then continue; fi
    case $(psql_login "dbname=$db" -At -v db="$CLUSTER_DB" -f "$sql_dir/login-database.sql" 2>/dev/null) in
      missing) echo "$where has no database '$CLUSTER_DB': check CLUSTER_DB" ;;
      no-connect) echo "$user may not connect to database '$CLUSTER_DB': use the cluster's admin login, or grant it CONNECT" ;;
      closed) echo "database '$CLUSTER_DB' on $where takes no connections (ALTER DATABASE $CLUSTER_DB ALLOW_CONNECTIONS true)" ;;
      *) echo "$where lets $user into database '$db' but not into '$CLUSTER_DB' ($said): check the server's pg_hba.conf" ;;
    esac
    return
  done
  # A server that checks a password answers a login without one otherwise than a login with a
  # wrong one; a server that refuses the login before any password (pg_hba.conf, its connection
  # limit) answers both alike.
  without=$(without_password=true psql_login "" -o /dev/null -c "SELECT 1" 2>&1)
  if [[ $without != "$1" ]]; then
    if is_local; then
      echo "$where refused the password of $user ($said): POSTGRES_DB_PASSWORD (the environment, or $CLUSTER_DIR/credentials.env) is not the one its nodes were made with"
    else
      echo "$where refused the password of $user ($said): check CLUSTER_ADMIN_PASSWORD or CLUSTER_ADMIN_PASSWORD_FILE (and CLUSTER_ADMIN_USER)"
    fi
    return
  fi
  echo "$where refused the login of $user before any password ($said): check CLUSTER_ADMIN_USER, and the server's pg_hba.conf and connection limit"
}
