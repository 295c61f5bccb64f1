#!/usr/bin/env bash
# The full check, as CI runs it. Fails fast, in this order:
#   fmt            cargo fmt --all -- --check
#   clippy-ssr     cargo clippy --features ssr,demo --all-targets -- -D warnings
#   clippy-wasm    cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings
#   test           cargo test --features ssr,demo       (#[sqlx::test] needs DATABASE_URL)
#   e2e            cargo leptos end-to-end --release --precompress --split   (Playwright against the
#                  release build; an unchanged front end is reused, see nxg_frontend_reuse)
#
#   scripts/test.sh [--no-e2e | --only-e2e]
#
# `demo` (the demo data generator and `seed-demo`, src/demo) is on for clippy and the tests,
# as in the cargo-leptos build the e2e runs, so they cover it; production builds leave it
# out (`--features ssr`).
#
# Database: DATABASE_URL when set (its role must be allowed to create databases), else the
# private cluster (scripts/pg.sh). e2e runs against a fresh database `nxtgauge_e2e` on the
# same server (dropped and re-created every run), with NXG_OUTBOX_DIR=target/e2e-outbox
# (wiped), NXG_STORAGE_DIR=target/e2e-storage (wiped), NXG_AUTH_RATE_PER_MINUTE=600 (every
# journey signs in from 127.0.0.1) and the server on a free port (LEPTOS_SITE_ADDR,
# E2E_BASE_URL for Playwright).
# Environment: NXG_SKIP_SETUP=1 skips scripts/setup.sh; E2E_GREP=<regex> runs only
# matching Playwright tests.
set -Eeuo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$NXG_ROOT"

do_checks=1
do_e2e=1
while (($#)); do
  case "$1" in
    --no-e2e) do_e2e=0 ;;
    --only-e2e) do_checks=0 ;;
    -h | --help)
      nxg_usage "${BASH_SOURCE[0]}"
      exit 0
      ;;
    *) nxg_die "unknown argument: $1 (see --help)" ;;
  esac
  shift
done
((do_checks || do_e2e)) || nxg_die "--no-e2e and --only-e2e together leave nothing to do"

TEST_START="$(nxg_now)"
results=()
NXG_PG_OWNED=0

summary() {
  local r total
  total="$(nxg_fmt_secs $(($(nxg_now) - TEST_START)))"
  printf '\n' >&2
  nxg_step "results"
  for r in "${results[@]}"; do nxg_info "$r"; done
  if [[ "$1" == 0 ]]; then
    printf 'SUMMARY: PASSED (%d steps) in %s\n' "${#results[@]}" "$total"
    # The closing "N passed, N failed" line CI reads (the browser journeys).
    if [[ -s "$NXG_ROOT/target/e2e-counts.txt" ]]; then
      cat "$NXG_ROOT/target/e2e-counts.txt"
    fi
  else
    printf 'SUMMARY: FAILED at %s after %s\n' "$2" "$total"
  fi
}

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

# run_step [--job] NAME CMD... : timed; on failure print the summary and exit 1 (fail
# fast). --job: run CMD with nxg_run_job (interruptible; CMD must not change our variables).
run_step() {
  local job=0 name t0 secs rc=0
  if [[ "$1" == --job ]]; then
    job=1
    shift
  fi
  name="$1"
  shift
  nxg_step "[$name] $*"
  t0="$(nxg_now)"
  if ((job)); then
    nxg_run_job "$@" || rc=$?
  else
    "$@" || rc=$?
  fi
  secs="$(nxg_fmt_secs $(($(nxg_now) - t0)))"
  if ((rc == 0)); then
    results+=("PASS  $name ($secs)")
    nxg_ok "[$name] passed in $secs"
  else
    results+=("FAIL  $name ($secs, exit $rc)")
    nxg_err "[$name] failed (exit $rc) after $secs"
    summary 1 "$name"
    exit 1
  fi
}

# ---------------------------------------------------------------------------------------
if [[ "${NXG_SKIP_SETUP:-0}" != "1" ]]; then
  run_step setup "$NXG_ROOT/scripts/setup.sh"
fi
nxg_env

start_db() {
  nxg_pg_start
}
run_step database start_db
export DATABASE_URL

if ((do_checks)); then
  run_step --job fmt cargo fmt --all -- --check
  run_step --job clippy-ssr cargo clippy --features ssr,demo --all-targets -- -D warnings
  run_step --job clippy-wasm cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings
  run_step --job test cargo test --features ssr,demo
fi

# Stop a server cargo-leptos left behind on $1 (it does when the Playwright command fails):
# only a process whose executable is our `nxtgauge` binary.
kill_leftover_server() {
  local port="$1" pid exe
  nxg_have ss || return 0
  for pid in $(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
    exe="$(readlink "/proc/$pid/exe" 2>/dev/null || true)"
    if [[ "$(basename "$exe")" == nxtgauge* ]]; then
      nxg_warn "stopping leftover server pid $pid on port $port"
      kill "$pid" 2>/dev/null || true
      sleep 2
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
}

e2e() {
  local e2e_db=nxtgauge_e2e e2e_url outbox storage port results rc=0
  e2e_url="$(nxg_url_with_db "$DATABASE_URL" "$e2e_db")"
  nxg_info "fresh database $e2e_db"
  nxg_pg_recreate_db "$DATABASE_URL" "$e2e_db" || return 1

  outbox="$NXG_ROOT/target/e2e-outbox"
  rm -rf "$outbox" && mkdir -p "$outbox" || return 1
  storage="$NXG_ROOT/target/e2e-storage"
  rm -rf "$storage" && mkdir -p "$storage" || return 1
  results="$NXG_ROOT/target/e2e-results.json"
  rm -f "$results" "$NXG_ROOT/target/e2e-counts.txt"
  port="$(nxg_free_port "" 3100)" || return 1
  # An unchanged front end (same inputs as the last release build here) is reused.
  local inputs reuse
  inputs="$(nxg_frontend_inputs)"
  reuse="$(nxg_frontend_reuse release "$inputs")"

  nxg_info "server http://127.0.0.1:$port, outbox $outbox"
  (
    export DATABASE_URL="$e2e_url"
    export NXG_OUTBOX_DIR="$outbox"
    export NXG_STORAGE_DIR="$storage"
    export LEPTOS_SITE_ADDR="127.0.0.1:$port"
    export E2E_BASE_URL="http://127.0.0.1:$port"
    export E2E_RESULTS_FILE="$results"
    # The journeys sign up, confirm and sign in dozens of accounts a minute, all from
    # 127.0.0.1; with the bundle served precompressed they run fast enough to pass the
    # per-address limit of 30 a minute (the limit itself is tested in rate_limit.rs).
    export NXG_AUTH_RATE_PER_MINUTE=600
    # shellcheck disable=SC2086 # $reuse is one flag or nothing
    exec cargo leptos end-to-end --release --precompress --split $reuse
  ) || rc=$?
  kill_leftover_server "$port"
  # Playwright ran, so the build succeeded: its front end can be reused next time.
  [[ -s "$results" ]] && nxg_frontend_built release "$inputs"
  ((rc == 0)) || return "$rc"

  # cargo-leptos 0.3.10 exits 0 when the BUILD fails (end2end_proj returns Ok before running
  # the tests), so require Playwright's own report: >0 tests ran, none unexpected.
  [[ -s "$results" ]] || {
    nxg_err "Playwright did not run (no $results): the build probably failed, see above"
    return 1
  }
  # shellcheck disable=SC2016 # JavaScript, not shell
  node -e '
    const s = require(process.argv[1]).stats || {};
    const ran = (s.expected || 0) + (s.unexpected || 0) + (s.flaky || 0);
    console.error(`    playwright: ${s.expected || 0} passed, ${s.unexpected || 0} failed, ${s.flaky || 0} flaky, ${s.skipped || 0} skipped`);
    require("fs").writeFileSync(process.argv[2], `e2e: ${s.expected || 0} passed, ${(s.unexpected || 0) + (s.flaky || 0)} failed\n`);
    process.exit(ran > 0 && !s.unexpected ? 0 : 1);
  ' "$results" "$NXG_ROOT/target/e2e-counts.txt"
}

if ((do_e2e)); then
  run_step --job e2e e2e
fi

summary 0
