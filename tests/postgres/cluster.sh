# Sourced by tests/postgres/run.sh and bench/pg.sh: installs the built extension into the
# server's folders and starts a throwaway cluster in a temp folder, stopped by an EXIT trap.
#
#   source cluster.sh; install_extension BUILD_DIR SRC_DIR || exit 77; start_cluster [SETTING...]
#
# After start_cluster: $tmp (the temp folder, deleted at exit), ${psql[@]} (a psql command line
# for the cluster's superuser) and $server_log.
pgbin=/usr/lib/postgresql/15/bin

# PostgreSQL 15 reads extensions only from its own folders: copying there needs root (CI has
# it). Returns 1 with a message when those folders are not writable.
install_extension() {
  local build=$1 src=$2
  if [ ! -x "$pgbin/initdb" ] || [ ! -x "$pgbin/pg_config" ]; then
    "$src/scripts/install-deps.sh"
  fi
  local pkglibdir extdir
  pkglibdir=$("$pgbin/pg_config" --pkglibdir)
  extdir=$("$pgbin/pg_config" --sharedir)/extension
  if [ ! -w "$pkglibdir" ] || [ ! -w "$extdir" ]; then
    echo "skipped: installing the extension needs write access to $pkglibdir and $extdir (root)"
    return 1
  fi
  install -m 755 "$build/qualify.so" "$pkglibdir/qualify.so"
  install -m 644 "$src/postgres/qualify.control" "$src/postgres/qualify--0.1.0.sql" "$extdir/"
}

# initdb refuses root: as root the server runs as Debian's `postgres` user (runuser), else as
# the current user. It listens on no TCP address, only on a socket in $tmp named by a port
# number nothing else uses. Extra arguments are server settings (-c NAME=VALUE).
start_cluster() {
  tmp=$(mktemp -d)
  chmod 755 "$tmp"
  as_server=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$tmp"
    as_server=(runuser -u postgres --)
  fi
  trap stop_cluster EXIT
  server_log=$tmp/server.log
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${as_server[@]}" "$pgbin/initdb" -D "$tmp/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${as_server[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -l "$server_log" -w start \
    -o "-p $port -k $tmp -c listen_addresses='' $*" >/dev/null
  psql=("$pgbin/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$tmp" -p "$port" -U postgres -d postgres)
}

stop_cluster() {
  "${as_server[@]}" "$pgbin/pg_ctl" -D "$tmp/data" stop -m immediate >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
