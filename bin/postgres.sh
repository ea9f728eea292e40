# Sourced by bin/test: makes sure Debian's postgresql package is there for the PostgreSQL variants of the
# database tests (test-postgres's PostgresCluster starts a throwaway cluster from its binaries under
# /usr/lib/postgresql/<version>/bin). Installs it with apt-get when missing and running as root; otherwise
# says how. The package's own cluster service is not needed: the tests start and stop their own.

ensure_postgres() {
  if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
    return 0
  fi
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing postgresql for the PostgreSQL database tests (apt-get)..."
    local log
    log=$(mktemp)
    if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >"$log" 2>&1; then
      echo "Installed $(ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | head -n 1)"
    else
      echo "warning: apt-get could not install postgresql:" >&2
      tail -n 5 "$log" >&2
    fi
    rm -f "$log"
  else
    echo "note: PostgreSQL (initdb, pg_ctl under /usr/lib/postgresql/<version>/bin) is missing, so the PostgreSQL" >&2
    echo "      variants of the database tests are skipped (they fail when CI=true)." >&2
    echo "      Install it with: sudo apt-get update && sudo apt-get install -y postgresql" >&2
  fi
}

ensure_postgres
