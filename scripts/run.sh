#!/usr/bin/env bash
# Run Nxtgauge locally: setup, private PostgreSQL (unless DATABASE_URL is set), then
# `cargo leptos serve`. The app runs its migrations at start.
#
#   scripts/run.sh [--release] [-- extra cargo-leptos args]
#
# Environment:
#   DATABASE_URL         use this database instead of the private cluster
#   LEPTOS_SITE_ADDR     listen address (default 127.0.0.1:3000)
#   NXG_SKIP_SETUP=1     skip scripts/setup.sh (saves ~1 s)
# A private cluster started by this script is stopped again when it exits (Ctrl-C too);
# one that was already running (scripts/pg.sh start) is left running.
set -Eeuo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$NXG_ROOT"

release=()
extra=()
while (($#)); do
  case "$1" in
    --release | -r) release=(--release) ;;
    --)
      shift
      extra=("$@")
      break
      ;;
    -h | --help)
      nxg_usage "${BASH_SOURCE[0]}"
      exit 0
      ;;
    *) nxg_die "unknown argument: $1 (see --help)" ;;
  esac
  shift
done

if [[ "${NXG_SKIP_SETUP:-0}" != "1" ]]; then
  "$NXG_ROOT/scripts/setup.sh"
fi
nxg_env

NXG_PG_OWNED=0
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ "$NXG_PG_OWNED" == "1" ]]; then
    nxg_pg_stop || true
  fi
  exit "$rc"
}
trap cleanup EXIT
nxg_signal_traps

nxg_step "database"
nxg_pg_start || nxg_die "no database (see above)"
export DATABASE_URL

export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
nxg_step "cargo leptos serve ${release[*]} on http://$LEPTOS_SITE_ADDR"
# Not exec'd: the EXIT trap must still stop the database. Run as a job so that SIGTERM to
# this script also stops cargo-leptos (and its server) promptly.
nxg_run_job cargo leptos serve "${release[@]}" "${extra[@]}"
