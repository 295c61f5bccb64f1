#!/usr/bin/env bash
# Benchmark Nxtgauge: seed a fresh database `nxtgauge_bench` with the demo marketplace,
# serve the release build, load the search and profile pages with wrk, and time the
# search's own SQL (captured from the app) with pgbench. Prints a table and writes
# bench/results.md.
#
#   bench/run.sh [--profiles N] [--duration S] [options]
#
#   --profiles N     professional profiles to seed (default 1000000; 20000 is a quick run)
#   --duration S     seconds of each measured run (default 20), after a 5 s warm-up
#   --connections C  wrk connections (default 16, over 2 threads)
#   --reuse-db       use an existing nxtgauge_bench that already holds N profiles
#   --keep-db        leave nxtgauge_bench in place afterwards (default: drop it)
#   --no-build       use the existing release build (target/release, target/site)
#
# Environment: DATABASE_URL (another server; default: the private cluster of
# scripts/pg.sh), NXG_SKIP_SETUP=1 (skip scripts/setup.sh), BENCH_PORT (default: free).
# Work files (server logs, SQL, pgbench logs, EXPLAIN output) go to target/bench/.
set -Eeuo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$NXG_ROOT"

profiles=1000000
duration=20
connections=16
reuse_db=0
keep_db=0
build=1
while (($#)); do
  case "$1" in
    --profiles)
      profiles="${2:?--profiles needs a number}"
      shift
      ;;
    --duration)
      duration="${2:?--duration needs seconds}"
      shift
      ;;
    --connections)
      connections="${2:?--connections needs a number}"
      shift
      ;;
    --reuse-db) reuse_db=1 ;;
    --keep-db) keep_db=1 ;;
    --no-build) build=0 ;;
    -h | --help)
      nxg_usage "${BASH_SOURCE[0]}"
      exit 0
      ;;
    *) nxg_die "unknown argument: $1 (see --help)" ;;
  esac
  shift
done
[[ "$profiles" =~ ^[0-9]+$ && "$duration" =~ ^[0-9]+$ && "$connections" =~ ^[0-9]+$ ]] ||
  nxg_die "--profiles, --duration and --connections take whole numbers"

BENCH_DB="nxtgauge_bench"
OUT="$NXG_ROOT/target/bench"
STORAGE="$OUT/storage"
BIN="$NXG_ROOT/target/release/nxtgauge"
WARMUP=5
mkdir -p "$OUT"

# ---------------------------------------------------------------------------------------
# tools
# ---------------------------------------------------------------------------------------
nxg_step "tools"
if [[ "${NXG_SKIP_SETUP:-0}" != "1" ]]; then
  "$NXG_ROOT/scripts/setup.sh"
fi
nxg_env
if ! nxg_have wrk; then
  if nxg_is_root; then
    apt_run=()
  elif nxg_have sudo; then
    apt_run=(sudo -E)
  else
    nxg_die "need root (or sudo) to apt-get install wrk"
  fi
  nxg_info "apt-get install wrk"
  DEBIAN_FRONTEND=noninteractive "${apt_run[@]}" apt-get -y -o DPkg::Lock::Timeout=300 install -qq wrk ||
    { "${apt_run[@]}" apt-get -y -o DPkg::Lock::Timeout=300 update -qq &&
      DEBIAN_FRONTEND=noninteractive "${apt_run[@]}" apt-get -y -o DPkg::Lock::Timeout=300 install -qq wrk; } ||
    nxg_die "apt-get install wrk failed"
fi
PGBENCH="$(nxg_pg_bindir)/pgbench"
[[ -x "$PGBENCH" ]] || PGBENCH="$(command -v pgbench || true)"
[[ -n "$PGBENCH" ]] || nxg_die "pgbench not found (it comes with the postgresql package: scripts/setup.sh)"
nxg_ok "$(wrk --version 2>&1 | head -n1 | cut -c1-40), $("$PGBENCH" --version)"

# ---------------------------------------------------------------------------------------
# processes started here are stopped on exit
# ---------------------------------------------------------------------------------------
NXG_PG_OWNED=0
SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_server
  if [[ "$keep_db" != "1" && -n "${ADMIN_URL:-}" ]]; then
    nxg_psql "$ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$BENCH_DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  if [[ "$NXG_PG_OWNED" == "1" ]]; then
    nxg_pg_stop || true
  fi
  exit "$rc"
}
trap cleanup EXIT
nxg_signal_traps

# ---------------------------------------------------------------------------------------
# build
# ---------------------------------------------------------------------------------------
if [[ "$build" == "1" ]]; then
  nxg_step "cargo leptos build --release --precompress --split"
  build_start="$(nxg_now)"
  nxg_run_job cargo leptos build --release --precompress --split || nxg_die "release build failed"
  nxg_ok "built in $(nxg_fmt_secs $(($(nxg_now) - build_start)))"
fi
[[ -x "$BIN" && -d "$NXG_ROOT/target/site/pkg" ]] || nxg_die "no release build (run without --no-build)"

# ---------------------------------------------------------------------------------------
# database and seed
# ---------------------------------------------------------------------------------------
nxg_step "database $BENCH_DB"
nxg_pg_start || nxg_die "no database (see above)"
ADMIN_URL="$(nxg_url_with_db "$DATABASE_URL" postgres)"
BENCH_URL="$(nxg_url_with_db "$DATABASE_URL" "$BENCH_DB")"
seeded=""
if [[ "$reuse_db" == "1" ]]; then
  seeded="$(nxg_psql "$BENCH_URL" -tAc "SELECT count(*) FROM user_role_profiles" 2>/dev/null || true)"
  if [[ "$seeded" != "$profiles" ]]; then
    nxg_warn "$BENCH_DB holds '${seeded:-nothing}' profiles, not $profiles: seeding afresh"
    seeded=""
  fi
fi
SEED_LOG="$OUT/seed.log"
if [[ -z "$seeded" ]]; then
  nxg_pg_recreate_db "$DATABASE_URL" "$BENCH_DB" >/dev/null || nxg_die "could not create $BENCH_DB"
  rm -rf "$STORAGE"
  nxg_step "seed-demo --profiles $profiles"
  seed_start="$(date +%s.%N)"
  # One job (its own process group) for the seeder and tee, so Ctrl-C stops both.
  # shellcheck disable=SC2016 # expanded by the inner shell
  DATABASE_URL="$BENCH_URL" NXG_STORAGE_DIR="$STORAGE" RUST_LOG=warn \
    nxg_run_job bash -c 'set -o pipefail; "$0" seed-demo --profiles "$1" 2>&1 | tee "$2"' \
    "$BIN" "$profiles" "$SEED_LOG" || nxg_die "seeding failed (log: $SEED_LOG)"
  SEED_SECS="$(awk -v a="$seed_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
  nxg_ok "seeded in ${SEED_SECS} s"
else
  nxg_ok "reusing $BENCH_DB ($seeded profiles)"
  SEED_SECS="$(awk '$1 == "total" { print $2 }' "$SEED_LOG" 2>/dev/null || true)"
  SEED_SECS="${SEED_SECS:-n/a} (earlier run)"
fi
DB_SIZE="$(nxg_psql "$BENCH_URL" -tAc "SELECT pg_size_pretty(pg_database_size(current_database()))")"

# ---------------------------------------------------------------------------------------
# what to request
# ---------------------------------------------------------------------------------------
declare -A ENDPOINT=(
  [search]="/search?role=photographer&city=Pune&max_price=20000"
  [text]="/search?q=wedding%20photographer&city=Pune"
  [facets]="/search?role=photographer&city=Mumbai&f=specialties:wedding&f=studio_available:true"
)
NAMES=(search text facets)
mapfile -t SLUGS < <(nxg_psql "$BENCH_URL" -tAc \
  "SELECT slug FROM (SELECT slug FROM profile_search TABLESAMPLE SYSTEM (1) REPEATABLE (42) LIMIT 200) s
   UNION ALL SELECT p.slug FROM user_role_profiles p JOIN users u ON u.id = p.user_id
              WHERE u.email = 'photographer@demo.nxtgauge.in'")
((${#SLUGS[@]} > 1)) || nxg_die "no listed profiles in $BENCH_DB"
PROFILE_PATHS=()
for s in "${SLUGS[@]}"; do PROFILE_PATHS+=("/p/$s"); done

# ---------------------------------------------------------------------------------------
# the server
# ---------------------------------------------------------------------------------------
# start_server URL: the release binary on a free port, ready when /readyz answers.
start_server() {
  local url="$1" log="$2"
  PORT="${BENCH_PORT:-$(nxg_free_port "" 3400)}"
  BASE="http://127.0.0.1:$PORT"
  LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=nxtgauge \
    LEPTOS_SITE_ADDR="127.0.0.1:$PORT" DATABASE_URL="$url" NXG_STORAGE_DIR="$STORAGE" \
    NXG_PAGE_CACHE_SECS="${PAGE_CACHE_SECS:-0}" RUST_LOG=warn "$BIN" >"$log" 2>&1 &
  SERVER_PID=$!
  local _
  for _ in $(seq 120); do
    if curl -fsS -o /dev/null "$BASE/readyz" 2>/dev/null; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.5
  done
  tail -n 20 "$log" >&2
  nxg_die "the server did not become ready (log: $log)"
}

# ---------------------------------------------------------------------------------------
# capture the search SQL: an app instance whose sessions log every statement
# ---------------------------------------------------------------------------------------
RAW_SQL=1
if nxg_pg_external; then
  nxg_warn "DATABASE_URL is another server: its log is not readable here, so no raw SQL timing"
  RAW_SQL=0
fi
if [[ "$RAW_SQL" == "1" ]]; then
  nxg_step "capturing the app's search SQL"
  _nxg_pg_vars
  log_offset="$(stat -c %s "$NXG_PG_LOG")"
  sep='?'
  [[ "$BENCH_URL" == *\?* ]] && sep='&'
  start_server "${BENCH_URL}${sep}options=-c%20log_min_duration_statement%3D0" "$OUT/server-capture.log"
  for name in "${NAMES[@]}"; do
    PGOPTIONS="-c log_min_duration_statement=0" nxg_psql "$BENCH_URL" -tAc "SELECT 'nxg-bench:$name'" >/dev/null
    curl -fsS -o /dev/null "$BASE${ENDPOINT[$name]}" || nxg_die "GET ${ENDPOINT[$name]} failed"
  done
  stop_server
  sleep 1 # let the server log flush
  rm -f "$OUT"/*.pgbench "$OUT"/*.defs "$OUT"/*.explain.sql
  python3 "$NXG_ROOT/bench/sql_from_log.py" "$NXG_PG_LOG" "$log_offset" "$OUT" >&2
fi

# ---------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------
nxg_step "serving the release build"
start_server "$BENCH_URL" "$OUT/server.log"
for name in "${NAMES[@]}"; do
  code="$(curl -s -o /dev/null -w '%{http_code}' "$BASE${ENDPOINT[$name]}")"
  [[ "$code" == "200" ]] || nxg_die "GET ${ENDPOINT[$name]} answered $code"
done
code="$(curl -s -o /dev/null -w '%{http_code}' "$BASE${PROFILE_PATHS[0]}")"
[[ "$code" == "200" ]] || nxg_die "GET ${PROFILE_PATHS[0]} answered $code"

field() { # field KEY LINE -> value of KEY=value in LINE
  local k="$1" line="$2"
  sed -nE "s/.*(^| )$k=([^ ]+).*/\2/p" <<<"$line"
}
CLK_TCK="$(getconf CLK_TCK)"
# cpu_ticks PID... : user + system CPU ticks the processes have used (gone ones count 0).
cpu_ticks() {
  local pid total=0 t
  for pid in "$@"; do
    t="$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || true)"
    total=$((total + ${t:-0}))
  done
  printf '%s\n' "$total"
}

declare -A RESULT
# measure NAME CONNECTIONS URL [paths...]: warm up, then a measured wrk run; RESULT[NAME]
# = its line plus the CPU the app and its PostgreSQL sessions spent per request.
measure() {
  local name="$1" conns="$2" url="$3" line app0 app1 db0 db1 requests threads=2
  shift 3
  ((conns < 2)) && threads=1
  local extra=() backends=()
  (($#)) && extra=(-- "$@")
  nxg_info "$name ($conns connections): warm-up ${WARMUP} s, then ${duration} s"
  wrk -t$threads -c"$conns" -d"${WARMUP}s" -s bench/wrk.lua "$url" "${extra[@]}" >/dev/null
  mapfile -t backends < <(nxg_psql "$BENCH_URL" -tAc \
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
  app0="$(cpu_ticks "$SERVER_PID")" db0="$(cpu_ticks "${backends[@]}")"
  line="$(wrk -t$threads -c"$conns" -d"${duration}s" --latency -s bench/wrk.lua "$url" "${extra[@]}" |
    tee "$OUT/wrk-$name.txt" | grep '^RESULT')"
  app1="$(cpu_ticks "$SERVER_PID")" db1="$(cpu_ticks "${backends[@]}")"
  requests="$(field requests "$line")"
  line="$line $(awk -v a=$((app1 - app0)) -v d=$((db1 - db0)) -v n="${requests:-0}" -v hz="$CLK_TCK" \
    'BEGIN { if (n > 0) printf "app_cpu_ms=%.2f db_cpu_ms=%.2f", 1000 * a / hz / n, 1000 * d / hz / n;
             else print "app_cpu_ms=n/a db_cpu_ms=n/a" }')"
  RESULT[$name]="$line"
  nxg_ok "$line"
}
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
nxg_step "wrk: server time (1 connection) and throughput ($connections connections), page cache off (load average before: $LOAD_BEFORE)"
for name in "${NAMES[@]}"; do
  measure "$name-1" 1 "$BASE${ENDPOINT[$name]}"
  measure "$name" "$connections" "$BASE${ENDPOINT[$name]}"
done
measure profile-1 1 "$BASE/" "${PROFILE_PATHS[@]}"
measure profile "$connections" "$BASE/" "${PROFILE_PATHS[@]}"
stop_server
nxg_step "wrk: the profile pages again with the visitors' page cache on (NXG_PAGE_CACHE_SECS=10)"
PAGE_CACHE_SECS=10 start_server "$BENCH_URL" "$OUT/server-cached.log"
measure profile-cached "$connections" "$BASE/" "${PROFILE_PATHS[@]}"
stop_server

# ---------------------------------------------------------------------------------------
# raw SQL
# ---------------------------------------------------------------------------------------
declare -A RAW
if [[ "$RAW_SQL" == "1" ]]; then
  nxg_step "pgbench: the same SQL, 1 client, prepared statements"
  for name in "${NAMES[@]}"; do
    [[ -f "$OUT/$name.pgbench" ]] || {
      nxg_warn "no SQL captured for $name"
      continue
    }
    defs=()
    while IFS= read -r d; do [[ -n "$d" ]] && defs+=(-D "$d"); done <"$OUT/$name.defs"
    rm -f "$OUT/pgbench-$name".*
    "$PGBENCH" -n -M prepared -c 1 -j 1 -T "$WARMUP" -f "$OUT/$name.pgbench" "${defs[@]}" "$BENCH_URL" >/dev/null 2>&1 ||
      nxg_die "pgbench failed for $name (script: $OUT/$name.pgbench)"
    "$PGBENCH" -n -M prepared -c 1 -j 1 -T "$duration" -l --log-prefix="$OUT/pgbench-$name" \
      -f "$OUT/$name.pgbench" "${defs[@]}" "$BENCH_URL" >"$OUT/pgbench-$name.txt" 2>&1 ||
      nxg_die "pgbench failed for $name (see $OUT/pgbench-$name.txt)"
    RAW[$name]="$(cat "$OUT/pgbench-$name".[0-9]* | awk '{ print $3 / 1000 }' | sort -n | awk '
      { v[NR] = $1 }
      END {
        if (NR == 0) { print "p50_ms=n/a p95_ms=n/a tps=n/a"; exit }
        i50 = int(NR * 0.50); if (i50 < 1) i50 = 1
        i95 = int(NR * 0.95); if (i95 < 1) i95 = 1
        printf "p50_ms=%.2f p95_ms=%.2f", v[i50], v[i95]
      }')"
    tps="$(awk '/^tps = / { printf "%.1f", $3 }' "$OUT/pgbench-$name.txt")"
    RAW[$name]="${RAW[$name]} tps=$tps"
    nxg_ok "$name: ${RAW[$name]}"
    nxg_psql "$BENCH_URL" -f "$OUT/$name.explain.sql" >"$OUT/explain-$name.txt" 2>&1 || true
  done
fi

# ---------------------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------------------
CPU="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
MEM="$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
PGV="$(nxg_psql "$BENCH_URL" -tAc "SHOW server_version")"
NOW="$(date -u '+%Y-%m-%d %H:%M UTC')"
RESULTS="$NXG_ROOT/bench/results.md"
# shellcheck disable=SC2016 # backquotes are Markdown here
{
  printf '# Benchmark results\n\n'
  printf 'Written by `bench/run.sh --profiles %s --duration %s` on %s.\n\n' "$profiles" "$duration" "$NOW"
  printf -- '- Machine: %s cores (%s), %s RAM; PostgreSQL %s (private cluster, fsync off) on the same machine.\n' \
    "$(nproc)" "${CPU:-unknown CPU}" "$MEM" "$PGV"
  printf -- '- Data: %s professional profiles (demo seed 42), database %s.\n' "$profiles" "$DB_SIZE"
  printf -- '- Load average (1, 5, 15 min) just before the HTTP runs: %s (other work on the machine shows here).\n' "$LOAD_BEFORE"
  printf -- '- Seeding: %s s in total (`nxtgauge seed-demo`, release build):\n\n' "$SEED_SECS"
  printf '```\n'
  awk '/^phase/ { on = 1 } on && NF == 0 { exit } on' "$SEED_LOG" 2>/dev/null || true
  printf '```\n\n'
  printf '## HTTP (wrk, %s s after a %s s warm-up, no compression, page cache off unless marked)\n\n' \
    "$duration" "$WARMUP"
  printf 'Server time is the latency seen by one connection at a time (nothing queues); throughput\n'
  printf 'is with %s connections over 2 threads, where latency is mostly waiting for a core. CPU\n' "$connections"
  printf 'ms/req is the CPU time the server process and its PostgreSQL sessions used during the\n'
  printf 'throughput run, divided by the requests served. wrk runs on the same 2 cores.\n\n'
  printf '| endpoint | server p50 ms | server p95 ms | req/s | p50 ms | p95 ms | errors | app CPU ms/req | PostgreSQL CPU ms/req |\n'
  printf '|---|---:|---:|---:|---:|---:|---:|---:|---:|\n'
  for name in "${NAMES[@]}" profile profile-cached; do
    line="${RESULT[$name]:-}" one="${RESULT[$name-1]:-}"
    case "$name" in
      profile) path="/p/{slug} (${#PROFILE_PATHS[@]} profiles)" ;;
      profile-cached) path="/p/{slug}, visitors' page cache on" ;;
      *) path="${ENDPOINT[$name]}" ;;
    esac
    printf '| `%s` | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$path" "$(field p50_ms "$one")" \
      "$(field p95_ms "$one")" "$(field rps "$line")" "$(field p50_ms "$line")" "$(field p95_ms "$line")" \
      "$(field errors "$line")" "$(field app_cpu_ms "$line")" "$(field db_cpu_ms "$line")"
  done
  if [[ "$RAW_SQL" == "1" ]]; then
    printf '\n## The same search SQL (pgbench, 1 client, prepared, %s s)\n\n' "$duration"
    printf 'The statements the app ran for each request (page and facet counts), captured from\n'
    printf 'the PostgreSQL log of a capture instance and replayed one after the other per transaction.\n\n'
    printf '| search | SQL p50 ms | SQL p95 ms | SQL tps | server p95 ms | server p95 / SQL p95 |\n|---|---:|---:|---:|---:|---:|\n'
    for name in "${NAMES[@]}"; do
      raw="${RAW[$name]:-}"
      http95="$(field p95_ms "${RESULT[$name-1]:-}")"
      sql95="$(field p95_ms "$raw")"
      ratio="$(awk -v h="$http95" -v s="$sql95" 'BEGIN { if (s + 0 > 0) printf "%.2f", h / s; else print "n/a" }')"
      printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$(field p50_ms "$raw")" "$sql95" "$(field tps "$raw")" "$http95" "$ratio"
    done
    printf '\n<details><summary>EXPLAIN (ANALYZE, BUFFERS) of each search</summary>\n\n'
    for name in "${NAMES[@]}"; do
      [[ -f "$OUT/explain-$name.txt" ]] || continue
      printf '### %s\n\n```\n' "$name"
      cat "$OUT/$name.explain.sql"
      printf '\n'
      cat "$OUT/explain-$name.txt"
      printf '```\n\n'
    done
    printf '</details>\n'
  fi
} >"$RESULTS"

nxg_step "results (also in bench/results.md)"
printf '%-15s %9s %9s %9s %8s %8s %8s %8s %11s %11s\n' endpoint srv_p50 srv_p95 req/s p50_ms p95_ms app_cpu db_cpu sql_p50_ms sql_p95_ms
for name in "${NAMES[@]}" profile profile-cached; do
  line="${RESULT[$name]:-}" one="${RESULT[$name-1]:-}" raw="${RAW[$name]:-}"
  printf '%-15s %9s %9s %9s %8s %8s %8s %8s %11s %11s\n' "$name" "$(field p50_ms "$one")" "$(field p95_ms "$one")" \
    "$(field rps "$line")" "$(field p50_ms "$line")" "$(field p95_ms "$line")" "$(field app_cpu_ms "$line")" \
    "$(field db_cpu_ms "$line")" "$(field p50_ms "$raw")" "$(field p95_ms "$raw")"
done
printf 'seeding %s profiles: %s s; database %s\n' "$profiles" "$SEED_SECS" "$DB_SIZE"
