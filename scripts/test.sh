#!/usr/bin/env bash
# The full check, as CI runs it. Fails fast, in this order:
#   fmt            cargo fmt --all -- --check
#   clippy-ssr     cargo clippy --features ssr,demo --all-targets -- -D warnings
#   clippy-wasm    cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings
#   test           cargo test --features ssr,demo       (#[sqlx::test] needs DATABASE_URL)
#   e2e            Playwright against the release front end (cargo leptos build --release
#                  --precompress --split --frontend-only, cached by content: nxg_front in
#                  lib.sh) served by the debug server binary (cargo build --features ssr,demo)
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

# The journeys run against the release front end (what a browser downloads: split,
# optimised, precompressed; built once per content, see nxg_front) served by the debug
# build of the server. That server is the same code with debug assertions and overflow
# checks on; it runs the journeys as fast as a release one (2.5 vs 2.4 min measured) and
# links in seconds on top of `cargo test`'s dependencies, where a release build of the
# server took 7 min 21 s warm on 2 cores (docs/TESTING.md).
e2e() {
  local e2e_db=nxtgauge_e2e e2e_url outbox storage port results front bin log server rc=0
  e2e_url="$(nxg_url_with_db "$DATABASE_URL" "$e2e_db")"
  nxg_info "fresh database $e2e_db"
  nxg_pg_recreate_db "$DATABASE_URL" "$e2e_db" || return 1

  outbox="$NXG_ROOT/target/e2e-outbox"
  rm -rf "$outbox" && mkdir -p "$outbox" || return 1
  storage="$NXG_ROOT/target/e2e-storage"
  rm -rf "$storage" && mkdir -p "$storage" || return 1
  results="$NXG_ROOT/target/e2e-results.json"
  log="$NXG_ROOT/target/e2e-server.log"
  rm -f "$results" "$log" "$NXG_ROOT/target/e2e-counts.txt"
  port="$(nxg_free_port "" 3100)" || return 1

  front="$(nxg_front release --release --precompress --split)" || return 1
  nxg_info "cargo build --features ssr,demo --bin nxtgauge"
  cargo build --features ssr,demo --bin nxtgauge || return 1
  bin="${CARGO_TARGET_DIR:-$NXG_ROOT/target}/debug/nxtgauge"

  nxg_info "server http://127.0.0.1:$port (log $log), outbox $outbox"
  # The journeys sign up, confirm and sign in dozens of accounts a minute, all from
  # 127.0.0.1, faster than the per-address limit of 30 a minute (tested in rate_limit.rs).
  local -a env_common=(
    "DATABASE_URL=$e2e_url" "NXG_OUTBOX_DIR=$outbox" "NXG_STORAGE_DIR=$storage"
    "LEPTOS_SITE_ADDR=127.0.0.1:$port" "NXG_AUTH_RATE_PER_MINUTE=600"
  )
  mapfile -t -O "${#env_common[@]}" env_common < <(nxg_front_env "$front")
  env "${env_common[@]}" "$bin" >"$log" 2>&1 &
  server=$!
  # Playwright's global setup waits for /healthz; the helpers run operator commands
  # (create-staff, ...) with the same binary against the same database.
  (
    cd "$NXG_ROOT/end2end" &&
      exec env "${env_common[@]}" "NXG_BIN=$bin" "E2E_BASE_URL=http://127.0.0.1:$port" \
        "E2E_RESULTS_FILE=$results" npx playwright test
  ) || rc=$?
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  if ((rc != 0)); then
    nxg_err "the journeys failed; the server's last lines ($log):"
    tail -n 40 "$log" >&2 || true
  fi
  [[ -s "$results" ]] || {
    nxg_err "Playwright wrote no report ($results)"
    return 1
  }
  # Playwright's own report: >0 tests ran, none unexpected.
  # shellcheck disable=SC2016 # JavaScript, not shell
  node -e '
    const s = require(process.argv[1]).stats || {};
    const ran = (s.expected || 0) + (s.unexpected || 0) + (s.flaky || 0);
    console.error(`    playwright: ${s.expected || 0} passed, ${s.unexpected || 0} failed, ${s.flaky || 0} flaky, ${s.skipped || 0} skipped`);
    require("fs").writeFileSync(process.argv[2], `e2e: ${s.expected || 0} passed, ${(s.unexpected || 0) + (s.flaky || 0)} failed\n`);
    process.exit(ran > 0 && !s.unexpected ? 0 : 1);
  ' "$results" "$NXG_ROOT/target/e2e-counts.txt" && ((rc == 0))
}

if ((do_e2e)); then
  run_step --job e2e e2e
fi

summary 0
