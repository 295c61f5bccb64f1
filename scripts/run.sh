#!/usr/bin/env bash
# Run Nxtgauge locally: setup, private PostgreSQL (unless DATABASE_URL is set), then
# `cargo leptos serve`. The app runs its migrations at start.
#
#   scripts/run.sh [--release] [--demo [N]] [-- extra cargo-leptos args]
#
#   --demo [N]   before serving, fill the database with a demo marketplace of N professional
#                profiles (default 2000; `nxtgauge seed-demo`), unless it already has one.
#                Demo accounts sign in with the password nxtgauge-demo.
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
demo=0
while (($#)); do
  case "$1" in
    --release | -r) release=(--release --precompress) ;;
    --demo)
      demo=2000
      if [[ "${2:-}" =~ ^[0-9]+$ ]]; then
        demo="$2"
        shift
      fi
      ;;
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

# The front end is built once per content into a cache outside the clone (nxg_front in
# lib.sh) and served from there; the server is built (and rebuilt by cargo) as usual.
mode="$([[ ${#release[@]} -gt 0 ]] && echo release || echo debug)"
if ((${#extra[@]})); then
  mode="$mode-$(printf '%s\n' "${extra[@]}" | sha256sum | cut -c1-12)"
fi
nxg_step "front end (cargo leptos build --frontend-only --split ${release[*]})"
front="$(nxg_front "$mode" --split "${release[@]}" "${extra[@]}")" || nxg_die "the front-end build failed"
mapfile -t front_env < <(nxg_front_env "$front")
export "${front_env[@]}"
nxg_step "cargo leptos build --server-only ${release[*]}"
nxg_run_job cargo leptos build --server-only --split "${release[@]}" "${extra[@]}"

if ((demo > 0)); then
  nxg_step "demo data ($demo profiles)"
  # The tables exist once the app has migrated; the seeder migrates too.
  if [[ "$(nxg_psql "$DATABASE_URL" -tAc "SELECT to_regclass('users') IS NOT NULL AND EXISTS (SELECT 1 FROM users WHERE email LIKE '%@demo.nxtgauge.in')" 2>/dev/null)" == "t" ]]; then
    nxg_info "the database already has demo data; keeping it"
  else
    bin="${CARGO_TARGET_DIR:-$NXG_ROOT/target}/$([[ ${#release[@]} -gt 0 ]] && echo release || echo debug)/nxtgauge"
    nxg_run_job "$bin" seed-demo --profiles "$demo" --images "$((demo < 40 ? demo : 40))" --force
  fi
fi
nxg_step "cargo leptos serve ${release[*]} on http://$LEPTOS_SITE_ADDR"
# Not exec'd: the EXIT trap must still stop the database. Run as a job so that SIGTERM to
# this script also stops cargo-leptos (and its server) promptly.
nxg_run_job cargo leptos serve "${release[@]}" --server-only "${extra[@]}"
