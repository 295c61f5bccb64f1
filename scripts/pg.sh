#!/usr/bin/env bash
# Private PostgreSQL cluster for development and tests (details: header of scripts/lib.sh).
#
#   scripts/pg.sh start    start it (or reuse the running one), create db `nxtgauge`;
#                          prints `export DATABASE_URL=...` on stdout, so
#                          `eval "$(scripts/pg.sh start)"` sets it in your shell
#   scripts/pg.sh stop     stop it (pg_ctl stop -m fast)
#   scripts/pg.sh status   exit 0 when the database is reachable, 3 when not
#   scripts/pg.sh url      print the DATABASE_URL (exit 1 when the cluster has no port yet)
#   scripts/pg.sh psql     psql into it (extra args are passed to psql)
#
# When DATABASE_URL is set in the environment (to anything but this cluster), start/url/
# status/psql use it and start nothing. `stop` only ever stops the private cluster.
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { nxg_usage "${BASH_SOURCE[0]}"; }

cmd="${1:-}"
[[ $# -gt 0 ]] && shift
case "$cmd" in
  start)
    nxg_pg_start || nxg_die "could not start the private PostgreSQL cluster"
    printf 'export DATABASE_URL=%q\n' "$DATABASE_URL"
    ;;
  stop)
    nxg_pg_stop || nxg_die "could not stop the private PostgreSQL cluster"
    ;;
  status)
    rc=0
    nxg_pg_status || rc=$?
    exit "$rc"
    ;;
  url)
    if nxg_pg_external; then
      printf '%s\n' "$DATABASE_URL"
    else
      nxg_pg_private_url || nxg_die "the private cluster has not been started yet (scripts/pg.sh start)"
    fi
    ;;
  psql)
    if nxg_pg_external; then url="$DATABASE_URL"; else url="$(nxg_pg_private_url)" || nxg_die "not started"; fi
    nxg_psql "$url" "$@"
    ;;
  -h | --help | help)
    usage
    ;;
  *)
    usage >&2
    exit 2
    ;;
esac
