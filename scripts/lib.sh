# shellcheck shell=bash
# shellcheck disable=SC2034 # some variables are only used by the scripts sourcing this file
# Shared helpers for the Nxtgauge developer scripts. Source it; do not execute it.
#
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# It sets no shell options (safe to source from an interactive shell) and only defines
# variables/functions. The scripts that source it use `set -euo pipefail` themselves.
#
# Private PostgreSQL cluster (used by pg.sh, run.sh, test.sh)
# ------------------------------------------------------------
# * If DATABASE_URL is set (and is not the URL of our own private cluster), it is used as-is
#   and no server is started or stopped.
# * Otherwise a throw-away cluster is run from the Debian PostgreSQL server binaries (highest
#   /usr/lib/postgresql/<v>/bin) in $NXG_PG_BASE:
#       <base>/data/         PGDATA (initdb --auth=trust --username=nxtgauge)
#       <base>/run/          unix socket directory
#       <base>/port          the TCP port it listens on (127.0.0.1 only)
#       <base>/postgres.log  server log
#   <base> is <repo>/.pgdata (gitignored). When running as root, initdb/pg_ctl run as the
#   `postgres` user (initdb refuses root) and <base> is chown'ed to it. That user must be
#   able to traverse the repo directory; if it cannot (e.g. a clone under /root, mode 700),
#   <base> is /tmp/nxtgauge-pg-<sha256(repo path)[:12]>/ instead, and <repo>/.pgdata is
#   made a symlink to it so it is easy to find. The choice is recomputed (deterministically)
#   on every call, so nothing else needs to be recorded.
# * Database `nxtgauge` is created if missing; the role `nxtgauge` is the superuser, so
#   `#[sqlx::test]` can create its per-test databases.

# ---------------------------------------------------------------------------------------
# basics
# ---------------------------------------------------------------------------------------

NXG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export NXG_ROOT

# Pinned tool versions (keep in sync with package.json / ARCHITECTURE.md).
NXG_CARGO_LEPTOS_VERSION="0.3.10"
NXG_WASM_BINDGEN_DEFAULT_VERSION="0.2.130"
NXG_TAILWIND_VERSION="4.3.5"
NXG_WASM_OPT_VERSION="132"
NXG_PG_USER="nxtgauge"
NXG_PG_DB="nxtgauge"

if [[ -t 2 && -z "${NO_COLOR:-}" ]]; then
  _nxg_c_step=$'\033[1;34m' _nxg_c_ok=$'\033[32m' _nxg_c_warn=$'\033[33m' _nxg_c_err=$'\033[1;31m' _nxg_c_off=$'\033[0m'
else
  _nxg_c_step='' _nxg_c_ok='' _nxg_c_warn='' _nxg_c_err='' _nxg_c_off=''
fi

# All messages go to stderr so stdout stays usable (e.g. `eval "$(scripts/pg.sh start)"`).
nxg_step() { printf '%s==> %s%s\n' "$_nxg_c_step" "$*" "$_nxg_c_off" >&2; }
nxg_info() { printf '    %s\n' "$*" >&2; }
nxg_ok() { printf '    %s%s%s\n' "$_nxg_c_ok" "$*" "$_nxg_c_off" >&2; }
nxg_warn() { printf '%swarning:%s %s\n' "$_nxg_c_warn" "$_nxg_c_off" "$*" >&2; }
nxg_err() { printf '%serror:%s %s\n' "$_nxg_c_err" "$_nxg_c_off" "$*" >&2; }
nxg_die() {
  nxg_err "$*"
  exit 1
}

# Print the leading comment block of script $1 (its usage text).
nxg_usage() {
  awk 'NR == 1 && /^#!/ { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$1"
}

nxg_have() { command -v "$1" >/dev/null 2>&1; }
nxg_is_root() { [[ "$(id -u)" -eq 0 ]]; }

# Seconds since the epoch (bash 5 has EPOCHSECONDS).
nxg_now() { printf '%s\n' "${EPOCHSECONDS:-$(date +%s)}"; }

# nxg_fmt_secs 125 -> "2m05s"
nxg_fmt_secs() {
  local s="$1"
  if ((s >= 60)); then printf '%dm%02ds' $((s / 60)) $((s % 60)); else printf '%ds' "$s"; fi
}

# Prepend a directory to PATH unless it is already the first entry.
_nxg_path_prepend() {
  case ":$PATH:" in
    ":$1:"*) ;;
    *) PATH="$1:$PATH" ;;
  esac
}

# Environment every build/run/test needs. Idempotent; safe to call several times.
nxg_env() {
  # cargo-installed tools (cargo-leptos, wasm-bindgen) ...
  if [[ -d "${CARGO_HOME:-$HOME/.cargo}/bin" ]]; then
    _nxg_path_prepend "${CARGO_HOME:-$HOME/.cargo}/bin"
  fi
  # ... and, FIRST, the npm tools: tailwindcss 4.3.5, wasm-opt from binaryen 132
  # (Debian's binaryen 108 wasm-opt silently breaks release hydration), playwright.
  _nxg_path_prepend "$NXG_ROOT/node_modules/.bin"
  export PATH

  # cargo-leptos (built with `no_downloads`) takes tailwindcss/wasm-opt/wasm-bindgen from
  # PATH and never looks at their versions. The one version it does read is
  # LEPTOS_TAILWIND_VERSION: it only checks whether it starts with "v4" (v3 mode would
  # create/pass a tailwind.config.js). Its default (v4.2.1) already means v4; we set it
  # explicitly. LEPTOS_WASM_OPT_VERSION / LEPTOS_WASM_BINDGEN_VERSION are download-only
  # settings and make cargo-leptos print "Env ... is not used" warnings, so we don't set them.
  export LEPTOS_TAILWIND_VERSION="v${NXG_TAILWIND_VERSION}"

  # Never let Playwright download browsers; use Debian's chromium.
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

  # sqlx checked macros: with query metadata in .sqlx/, build offline so an exported
  # DATABASE_URL that points at an empty/unmigrated database cannot break compilation.
  if [[ -d "$NXG_ROOT/.sqlx" && -z "${SQLX_OFFLINE:-}" ]]; then
    export SQLX_OFFLINE=true
  fi
}

# ---------------------------------------------------------------------------------------
# interruptible long-running commands
# ---------------------------------------------------------------------------------------
# bash runs a trap only after the foreground command has finished, so a SIGTERM sent to a
# script (CI timeout, `kill <pid>`) would wait for a 10-minute build or a never-ending
# `cargo leptos serve`, and the private database would outlive it. nxg_run_job runs the
# command as a background job in its own process group and waits for it; the INT/TERM
# traps (nxg_signal_traps) forward SIGINT to that whole group (what Ctrl-C does; cargo-
# leptos then stops its server cleanly) plus SIGTERM to its leader, escalate to SIGKILL
# after 20 s, and make the script exit (130/143) once the job is gone, which runs the
# EXIT trap. Don't use it for commands that read the terminal (sudo password prompts).

NXG_JOB_PID=""
NXG_INTERRUPTED=""

nxg_on_signal() {
  NXG_INTERRUPTED="$1"
  if [[ -z "$NXG_JOB_PID" ]]; then
    if [[ "$1" == INT ]]; then exit 130; else exit 143; fi
  fi
  nxg_warn "SIG$1: stopping the running job (pid $NXG_JOB_PID)"
  kill -INT -- "-$NXG_JOB_PID" 2>/dev/null || true
  kill -TERM "$NXG_JOB_PID" 2>/dev/null || true
  local job="$NXG_JOB_PID"
  (
    for _ in $(seq 20); do
      sleep 1
      kill -0 "$job" 2>/dev/null || exit 0
    done
    kill -KILL -- "-$job" 2>/dev/null || kill -KILL "$job" 2>/dev/null || true
  ) &
}

nxg_signal_traps() {
  trap 'nxg_on_signal INT' INT
  trap 'nxg_on_signal TERM' TERM
}

# nxg_run_job CMD... : run CMD (may be a shell function) as described above; returns its
# exit status, or exits the script when it was interrupted.
nxg_run_job() {
  local rc=0
  set -m
  "$@" &
  NXG_JOB_PID=$!
  set +m
  while :; do
    rc=0
    wait "$NXG_JOB_PID" || rc=$?
    kill -0 "$NXG_JOB_PID" 2>/dev/null || break
  done
  NXG_JOB_PID=""
  if [[ -n "$NXG_INTERRUPTED" ]]; then
    if [[ "$NXG_INTERRUPTED" == INT ]]; then exit 130; else exit 143; fi
  fi
  return "$rc"
}

# A free TCP port on 127.0.0.1. Tries $1 (preferred, optional) first, then a scan upwards
# from $2 (default 54329), then an ephemeral port from the kernel.
nxg_port_free() {
  local port="$1"
  if nxg_have python3; then
    python3 - "$port" <<'PY' 2>/dev/null
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
  else
    # Fallback: nobody accepts connections on it.
    ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

nxg_free_port() {
  local preferred="${1:-}" start="${2:-54329}" p
  if [[ -n "$preferred" ]] && nxg_port_free "$preferred"; then
    printf '%s\n' "$preferred"
    return 0
  fi
  for ((p = start; p < start + 200; p++)); do
    if nxg_port_free "$p"; then
      printf '%s\n' "$p"
      return 0
    fi
  done
  if nxg_have python3; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
    return 0
  fi
  nxg_err "no free TCP port found"
  return 1
}

# Version of the `wasm-bindgen` crate the project builds with: Cargo.lock, else the `=x.y.z`
# pin in Cargo.toml, else the default.
nxg_wasm_bindgen_version() {
  local v=""
  if [[ -f "$NXG_ROOT/Cargo.lock" ]]; then
    v="$(awk '
      /^\[\[package\]\]/ { name = ""; next }
      /^name = / { gsub(/"/, "", $3); name = $3; next }
      /^version = / && name == "wasm-bindgen" { gsub(/"/, "", $3); print $3; exit }
    ' "$NXG_ROOT/Cargo.lock")"
  fi
  if [[ -z "$v" && -f "$NXG_ROOT/Cargo.toml" ]]; then
    v="$(sed -nE 's/^wasm-bindgen[[:space:]]*=.*version[[:space:]]*=[[:space:]]*"=?([0-9]+\.[0-9]+\.[0-9]+)".*/\1/p' "$NXG_ROOT/Cargo.toml" | head -n1)"
  fi
  printf '%s\n' "${v:-$NXG_WASM_BINDGEN_DEFAULT_VERSION}"
}

# ---------------------------------------------------------------------------------------
# the front end, built once per content
# ---------------------------------------------------------------------------------------
# cargo-leptos re-runs wasm-bindgen and wasm-opt on every build, even when nothing changed
# (minutes on 2 cores for a release build), and a fresh clone has no target/site at all. So
# run.sh and test.sh build the front end (WebAssembly, JS, CSS, static files) into a cache
# outside the clone, one directory per mode and content of its inputs, and serve it from
# there:
#
#   dir="$(nxg_front release --release --precompress --split)"   # built unless cached
#   LEPTOS_SITE_ROOT="$dir/site" LEPTOS_HASH_FILE_NAME="$dir/hash.txt" ...  (nxg_front_env)
#
# The inputs are every file under src/, style/ and public/ (Tailwind reads the classes in
# src/), Cargo.toml, Cargo.lock and package-lock.json, hashed by content, so a touched but
# unchanged file still counts as unchanged. The mode names the build (profile and flags).
# Nothing in the bundle depends on where the clone is: every server function has a fixed
# `endpoint`, so its URL carries no hash of the clone's path.
#
# LEPTOS_HASH_FILE_NAME is absolute: cargo-leptos writes, and Leptos reads, the hash file
# at <binary's dir>/<name>, and joining an absolute name gives the name itself. The cache
# keeps the newest NXG_FRONT_KEEP (default 6) builds.

nxg_frontend_inputs() {
  (
    cd "$NXG_ROOT" &&
      find src style public Cargo.toml Cargo.lock package-lock.json -type f -print0 2>/dev/null |
      LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
  )
}

nxg_front_cache() { printf '%s\n' "${CARGO_TARGET_DIR:-$NXG_ROOT/target}/nxg-front"; }

# nxg_front MODE [cargo-leptos build flags...]: prints the directory holding site/ and
# hash.txt of the front end built with those flags from the current inputs, building it
# first (`cargo leptos build --frontend-only FLAGS`) unless the cache has it.
nxg_front() {
  local mode="$1" cache dir tmp
  shift
  cache="$(nxg_front_cache)"
  dir="$cache/$mode-$(nxg_frontend_inputs | cut -c1-16)"
  if [[ -f "$dir/hash.txt" && -d "$dir/site/pkg" ]]; then
    nxg_info "front end unchanged: reusing $dir"
    touch "$dir"
  else
    tmp="$dir.tmp.$$"
    rm -rf "$tmp" && mkdir -p "$tmp" || return 1
    nxg_info "building the front end into $dir"
    LEPTOS_SITE_ROOT="$tmp/site" LEPTOS_HASH_FILE_NAME="$tmp/hash.txt" \
      cargo leptos build --frontend-only "$@" >&2 || {
      rm -rf "$tmp"
      return 1
    }
    [[ -f "$tmp/hash.txt" && -d "$tmp/site/pkg" ]] || {
      nxg_err "cargo leptos build left no site or hash file in $tmp"
      rm -rf "$tmp"
      return 1
    }
    # Another clone may have built the same inputs meanwhile: theirs is as good as ours.
    mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
    # shellcheck disable=SC2012 # names are ours: <mode>-<hex>
    { ls -1dt "$cache"/*/ 2>/dev/null | grep -v '\.tmp\.' | tail -n +"$((${NXG_FRONT_KEEP:-6} + 1))" |
      xargs -r rm -rf; } || true
  fi
  printf '%s\n' "$dir"
}

# nxg_front_env DIR: the environment that makes cargo-leptos and the server use the front
# end in DIR (printed as NAME=VALUE lines, for `env`).
nxg_front_env() {
  printf '%s\n' "LEPTOS_SITE_ROOT=$1/site" "LEPTOS_HASH_FILE_NAME=$1/hash.txt" \
    "LEPTOS_SITE_PKG_DIR=pkg" "LEPTOS_OUTPUT_NAME=nxtgauge" "LEPTOS_HASH_FILES=true"
}

# Replace the database name in a postgres:// URL (keeps any ?query).
# nxg_url_with_db postgres://u@h:1/a?x=y b -> postgres://u@h:1/b?x=y
nxg_url_with_db() {
  local url="$1" db="$2" base query rest
  base="${url%%\?*}"
  query="${url#"$base"}"
  rest="${base#*://}"
  if [[ "$rest" == */* ]]; then
    base="${base%/*}"
  fi
  printf '%s/%s%s\n' "$base" "$db" "$query"
}

# Database name of a postgres:// URL ("" when none).
nxg_url_db() {
  local base rest
  base="${1%%\?*}"
  rest="${base#*://}"
  if [[ "$rest" == */* ]]; then printf '%s\n' "${rest##*/}"; else printf '\n'; fi
}

# ---------------------------------------------------------------------------------------
# private PostgreSQL cluster
# ---------------------------------------------------------------------------------------

# Directory with the server binaries of the highest installed PostgreSQL major version.
nxg_pg_bindir() {
  local d dirs=()
  for d in /usr/lib/postgresql/*/bin; do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then dirs+=("$d"); fi
  done
  if ((${#dirs[@]} == 0)); then
    nxg_err "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (run scripts/setup.sh)"
    return 1
  fi
  # glob order is lexical (10 < 9): version-sort.
  printf '%s\n' "${dirs[@]}" | sort -V | tail -n1
}

# Where the cluster lives (see the header comment).
nxg_pg_base() {
  if nxg_is_root && ! runuser -u postgres -- test -x "$NXG_ROOT" 2>/dev/null; then
    local h
    h="$(printf '%s' "$NXG_ROOT" | sha256sum | cut -c1-12)"
    printf '/tmp/nxtgauge-pg-%s\n' "$h"
  else
    printf '%s/.pgdata\n' "$NXG_ROOT"
  fi
}

_nxg_pg_vars() {
  NXG_PG_BASE="$(nxg_pg_base)"
  NXG_PG_DATA="$NXG_PG_BASE/data"
  NXG_PG_SOCK="$NXG_PG_BASE/run"
  NXG_PG_LOG="$NXG_PG_BASE/postgres.log"
}

# Run a PostgreSQL server binary as the right user. cwd is / so that a cwd the postgres
# user cannot read (e.g. /root) produces no errors.
_nxg_pg_as_owner() {
  if nxg_is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# Recorded port of the private cluster ("" when none).
nxg_pg_port() {
  _nxg_pg_vars
  if [[ -f "$NXG_PG_BASE/port" ]]; then tr -dc '0-9' <"$NXG_PG_BASE/port"; fi
  return 0
}

nxg_pg_private_url() {
  local port
  port="$(nxg_pg_port)" || return 1
  [[ -n "$port" ]] || return 1
  printf 'postgres://%s@127.0.0.1:%s/%s\n' "$NXG_PG_USER" "$port" "$NXG_PG_DB"
}

# True when DATABASE_URL is set and is not our own private cluster's URL.
nxg_pg_external() {
  [[ -n "${DATABASE_URL:-}" ]] || return 1
  local own
  own="$(nxg_pg_private_url 2>/dev/null)" || return 0
  # Same server (any database on it) = ours.
  [[ "$(nxg_url_with_db "${DATABASE_URL%%\?*}" x)" != "$(nxg_url_with_db "$own" x)" ]]
}

# Is PID $1 a live (not zombie) postgres process started on our data directory?
_nxg_pid_is_our_postmaster() {
  local pid="$1" state cmdline
  [[ -n "$pid" && -r "/proc/$pid/stat" ]] || return 1
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
  [[ "$state" != "Z" && "$state" != "X" ]] || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmdline" == *postgres*"$NXG_PG_DATA"* ]]
}

# Lock files (postmaster.pid, run/.s.PGSQL.<port>.lock) naming a PID that now belongs to
# another process (PID reuse after a crash / kill -9 / container restart) or to an unreaped
# zombie (containers whose PID 1 does not reap) make the new postmaster refuse to start, and
# pg_ctl signal the wrong process: remove them. A lock naming a PID that no longer exists is
# left alone: postgres removes it itself, after checking that no orphaned backend still uses
# the old shared memory.
_nxg_pg_clear_stale_pid() {
  local f pid
  for f in "$NXG_PG_DATA/postmaster.pid" "$NXG_PG_SOCK"/.s.PGSQL.*.lock; do
    [[ -f "$f" ]] || continue
    pid="$(head -n1 "$f" | tr -dc '0-9')"
    [[ -n "$pid" && -d "/proc/$pid" ]] || continue
    _nxg_pid_is_our_postmaster "$pid" && continue
    nxg_warn "removing stale $f (pid $pid is not our running postmaster)"
    rm -f "$f"
    if [[ "$f" == *.lock ]]; then rm -f "${f%.lock}"; fi
  done
  return 0
}

# pg_ctl status (0 = running).
_nxg_pg_running() {
  local bindir
  bindir="$(nxg_pg_bindir)" || return 1
  [[ -f "$NXG_PG_DATA/PG_VERSION" ]] || return 1
  _nxg_pg_clear_stale_pid
  _nxg_pg_as_owner "$bindir/pg_ctl" -D "$NXG_PG_DATA" status >/dev/null 2>&1
}

_nxg_pg_init() {
  local bindir="$1"
  mkdir -p "$NXG_PG_BASE" && chmod 700 "$NXG_PG_BASE" || return 1
  if [[ "$NXG_PG_BASE" != "$NXG_ROOT/.pgdata" && ! -e "$NXG_ROOT/.pgdata" ]]; then
    ln -s "$NXG_PG_BASE" "$NXG_ROOT/.pgdata" 2>/dev/null || true
  fi
  mkdir -p "$NXG_PG_SOCK" || return 1
  if [[ -d "$NXG_PG_DATA" && ! -f "$NXG_PG_DATA/PG_VERSION" ]]; then
    rm -rf "$NXG_PG_DATA" # leftover of an interrupted initdb
  fi
  if nxg_is_root; then chown -R postgres:postgres "$NXG_PG_BASE"; fi
  if [[ ! -f "$NXG_PG_DATA/PG_VERSION" ]]; then
    nxg_info "initdb $NXG_PG_DATA ($(basename "$(dirname "$bindir")"))"
    local common=(-D "$NXG_PG_DATA" --auth=trust --username="$NXG_PG_USER" --encoding=UTF8 --no-instructions)
    if ! _nxg_pg_as_owner "$bindir/initdb" "${common[@]}" --locale=C.UTF-8 >"$NXG_PG_BASE/initdb.log" 2>&1; then
      rm -rf "$NXG_PG_DATA"
      if ! _nxg_pg_as_owner "$bindir/initdb" "${common[@]}" --locale=C >"$NXG_PG_BASE/initdb.log" 2>&1; then
        cat "$NXG_PG_BASE/initdb.log" >&2
        nxg_err "initdb failed (log: $NXG_PG_BASE/initdb.log)"
        return 1
      fi
    fi
    # Dev/test-only cluster: listen on loopback only, socket in our dir, and trade crash
    # safety (OS crashes only; kill -9 of postgres is still safe) for speed.
    local sock_escaped="${NXG_PG_SOCK//\'/\'\'}"
    cat >>"$NXG_PG_DATA/postgresql.conf" <<EOF

# --- nxtgauge private dev/test cluster (scripts/lib.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sock_escaped'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
log_min_messages = warning
EOF
    if nxg_is_root; then chown postgres:postgres "$NXG_PG_DATA/postgresql.conf"; fi
  fi
  local have want
  have="$(cat "$NXG_PG_DATA/PG_VERSION")"
  want="$(basename "$(dirname "$bindir")")"
  if [[ "$have" != "$want" ]]; then
    nxg_err "$NXG_PG_DATA was made by PostgreSQL $have but the binaries are $want: run 'scripts/pg.sh stop' and delete $NXG_PG_BASE"
    return 1
  fi
}

# Start (or reuse) the private cluster and create the database. Prints "started" or
# "reused" on stdout. Serialised with flock so run.sh and test.sh can race safely.
_nxg_pg_start_locked() {
  local bindir port attempt
  bindir="$(nxg_pg_bindir)" || return 1
  _nxg_pg_init "$bindir" || return 1

  if _nxg_pg_running; then
    port="$(nxg_pg_port)"
    if [[ -n "$port" ]] && "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U "$NXG_PG_USER" -d postgres -t 10; then
      printf 'reused\n'
      return 0
    fi
    # pg_ctl thinks it runs but it does not answer on the recorded port: stop and restart.
    nxg_warn "private cluster is not answering on port ${port:-?}; restarting it"
    _nxg_pg_as_owner "$bindir/pg_ctl" -D "$NXG_PG_DATA" stop -m immediate -w -t 30 >/dev/null 2>&1 || true
  fi

  for attempt in 1 2 3 4 5; do
    _nxg_pg_clear_stale_pid
    port="$(nxg_free_port "$(nxg_pg_port || true)" 54329)" || return 1
    printf '%s\n' "$port" >"$NXG_PG_BASE/port"
    if nxg_is_root; then chown -R postgres:postgres "$NXG_PG_BASE"; fi
    nxg_info "starting PostgreSQL on 127.0.0.1:$port (data: $NXG_PG_DATA)"
    if _nxg_pg_as_owner "$bindir/pg_ctl" -D "$NXG_PG_DATA" -l "$NXG_PG_LOG" -w -t 60 \
      -o "-p $port" start >/dev/null 2>&1 9>&-; then
      printf 'started\n'
      return 0
    fi
    # Typical transient causes: port taken meanwhile; backends of a kill -9'ed postmaster
    # still holding the old shared memory for a moment.
    nxg_warn "PostgreSQL did not start (attempt $attempt); last log lines:"
    tail -n 5 "$NXG_PG_LOG" >&2 || true
    sleep 2
  done
  nxg_err "could not start PostgreSQL (log: $NXG_PG_LOG)"
  return 1
}

_nxg_pg_with_lock() {
  # $1: function to run under the lock
  _nxg_pg_vars
  mkdir -p "$NXG_PG_BASE"
  if nxg_have flock; then
    (
      exec 9>>"$NXG_PG_BASE/.lock"
      flock -w 300 9 || {
        nxg_err "timed out waiting for $NXG_PG_BASE/.lock"
        exit 1
      }
      "$1"
    )
  else
    "$1"
  fi
}

# Run psql against a URL: nxg_psql URL [psql args...]
nxg_psql() {
  local url="$1" psql
  shift
  psql="$(nxg_pg_bindir 2>/dev/null)/psql"
  [[ -x "$psql" ]] || psql="psql"
  PGCONNECT_TIMEOUT=10 "$psql" -X -q -v ON_ERROR_STOP=1 -d "$url" "$@"
}

# Create database $2 on the server of URL $1 if it does not exist.
nxg_pg_ensure_db() {
  local url="$1" db="$2" admin exists
  admin="$(nxg_url_with_db "$url" postgres)"
  exists="$(nxg_psql "$admin" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" || return 1
  if [[ "$exists" != "1" ]]; then
    nxg_info "creating database $db"
    nxg_psql "$admin" -c "CREATE DATABASE \"$db\"" || return 1
  fi
}

# Drop and re-create database $2 on the server of URL $1 (connects to the URL's own
# database for that, or to `postgres` when the URL names $2 itself).
nxg_pg_recreate_db() {
  local url="$1" db="$2" admin
  admin="$url"
  if [[ "$(nxg_url_db "$url")" == "$db" || -z "$(nxg_url_db "$url")" ]]; then
    admin="$(nxg_url_with_db "$url" postgres)"
  fi
  nxg_psql "$admin" -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" &&
    nxg_psql "$admin" -c "CREATE DATABASE \"$db\""
}

# Start/reuse the private cluster unless DATABASE_URL is external. Exports DATABASE_URL.
# Sets NXG_PG_OWNED=1 when this call started the server (so the caller may stop it).
nxg_pg_start() {
  NXG_PG_OWNED=0
  if nxg_pg_external; then
    nxg_info "using DATABASE_URL from the environment (no private cluster)"
    export DATABASE_URL
    return 0
  fi
  local how
  how="$(_nxg_pg_with_lock _nxg_pg_start_locked)" || return 1
  if [[ "$how" == "started" ]]; then NXG_PG_OWNED=1; fi
  DATABASE_URL="$(nxg_pg_private_url)" || return 1
  export DATABASE_URL
  nxg_pg_ensure_db "$DATABASE_URL" "$NXG_PG_DB" || return 1
  nxg_ok "PostgreSQL ${how}: DATABASE_URL=$DATABASE_URL"
}

_nxg_pg_stop_locked() {
  local bindir
  bindir="$(nxg_pg_bindir)" || return 1
  if _nxg_pg_running; then
    nxg_info "stopping PostgreSQL (data: $NXG_PG_DATA)"
    _nxg_pg_as_owner "$bindir/pg_ctl" -D "$NXG_PG_DATA" stop -m fast -w -t 60 >/dev/null ||
      _nxg_pg_as_owner "$bindir/pg_ctl" -D "$NXG_PG_DATA" stop -m immediate -w -t 30 >/dev/null
  else
    nxg_info "private PostgreSQL is not running"
  fi
}

# Stop the private cluster (whatever DATABASE_URL says: it only ever touches our own data dir).
nxg_pg_stop() {
  _nxg_pg_vars
  [[ -f "$NXG_PG_DATA/PG_VERSION" ]] || {
    nxg_info "no private cluster at $NXG_PG_DATA"
    return 0
  }
  _nxg_pg_with_lock _nxg_pg_stop_locked
}

# 0 when the database to be used is reachable (private: running), 3 otherwise.
nxg_pg_status() {
  local bindir port
  if nxg_pg_external; then
    nxg_info "DATABASE_URL is set externally: $DATABASE_URL"
    if nxg_psql "$DATABASE_URL" -tAc 'SELECT 1' >/dev/null 2>&1; then
      nxg_ok "reachable"
      return 0
    fi
    nxg_err "not reachable"
    return 3
  fi
  _nxg_pg_vars
  bindir="$(nxg_pg_bindir)" || return 1
  if _nxg_pg_running; then
    port="$(nxg_pg_port)"
    if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U "$NXG_PG_USER" -d postgres -t 5; then
      nxg_ok "private PostgreSQL running on 127.0.0.1:$port (data: $NXG_PG_DATA)"
      nxg_info "DATABASE_URL=$(nxg_pg_private_url)"
      return 0
    fi
    nxg_warn "pg_ctl reports a server in $NXG_PG_DATA but it does not answer on port ${port:-?}"
    return 3
  fi
  nxg_info "private PostgreSQL is not running (data: $NXG_PG_DATA)"
  return 3
}
