# shellcheck shell=bash
# Which PostgreSQL runs the local nodes (PG_BIN) and which psql talks to every node (PSQL).

# The server binaries: PG_BIN; else the newest major under PG_ROOT whose PostgreSQL has Citus (a
# machine may have several majors, and Citus built for only one of them); else the PostgreSQL on the
# PATH (postgres, or pg_config's bindir); else the newest major there.
PG_ROOT=${PG_ROOT:-/usr/lib/postgresql}
find_pg_bin() {
  if [[ -n ${PG_BIN:-} ]]; then echo "$PG_BIN"; return; fi
  local postgres dir libdir major majors
  # The majors that have server binaries, newest first.
  majors=$(for dir in "$PG_ROOT"/*/bin; do
    [[ -x $dir/postgres && ${dir%/bin} =~ /([0-9]+)$ ]] && echo "${BASH_REMATCH[1]}"
  done | sort -rn)
  for major in $majors; do
    libdir=$("$PG_ROOT/$major/bin/pg_config" --pkglibdir 2>/dev/null || echo "$PG_ROOT/$major/lib")
    [[ -f $libdir/citus.so ]] && { echo "$PG_ROOT/$major/bin"; return; }
  done
  if postgres=$(command -v postgres 2>/dev/null); then
    dirname "$(readlink -f "$postgres")"; return
  fi
  if dir=$(pg_config --bindir 2>/dev/null) && [[ -x $dir/postgres ]]; then echo "$dir"; return; fi
  [[ -z $majors ]] || echo "$PG_ROOT/${majors%%$'\n'*}/bin"
}

PG_BIN=$(find_pg_bin)
PSQL=$(command -v psql 2>/dev/null || echo "${PG_BIN:-/nonexistent}/psql")

has_citus() {
  local libdir
  [[ -n $PG_BIN ]] || return 1
  # This major's own pg_config (server-dev), else its Debian library directory, else the PATH's.
  libdir=$("$PG_BIN/pg_config" --pkglibdir 2>/dev/null || true)
  [[ -n $libdir || ! -d ${PG_BIN%/bin}/lib ]] || libdir=${PG_BIN%/bin}/lib
  [[ -n $libdir ]] || libdir=$(pg_config --pkglibdir 2>/dev/null || true)
  [[ -n $libdir && -f $libdir/citus.so ]]
}

# The major of the server binaries in PG_BIN (postgres --version: "postgres (PostgreSQL) 17.6 ...").
pg_major() { "$PG_BIN/postgres" --version | awk '{ sub(/[^0-9].*/, "", $3); print $3 }'; }
