#!/usr/bin/env bash
# Idempotent installer for everything Nxtgauge needs to build, run and test, on Debian 12.
# A second run is a fast no-op (~1-2 s). Usage:
#
#   scripts/setup.sh            install what is missing
#   . scripts/setup.sh          same, then export PATH etc. into the current shell
#
# What it ensures (versions are pinned; see "Toolchain facts" in the architecture notes):
#   apt:    chromium (Playwright's browser), postgresql (server binaries for the private
#           dev/test cluster), build-essential + perl + pkg-config (C parts of the builds),
#           poppler-utils (pdftotext: the tests read invoice PDFs);
#           nodejs + npm only when `node` is missing. apt-get update runs at most once.
#   rustup: target wasm32-unknown-unknown, components rustfmt + clippy
#   cargo:  cargo-leptos 0.3.10 (--locked --features no_downloads: it must never download
#           tools), wasm-bindgen-cli == the wasm-bindgen crate in Cargo.lock (without --locked)
#   npm:    `npm install --no-audit --no-fund` (tailwindcss 4.3.5, binaryen 132 wasm-opt,
#           @playwright/test 1.65.1; never downloads browsers) when node_modules is missing
#           or older than package.json / package-lock.json.
# Environment it relies on afterwards: see nxg_env in scripts/lib.sh (node_modules/.bin
# first on PATH so binaryen's wasm-opt wins over Debian's).

# Sourced: run in a child process (so `set -e` cannot kill the interactive shell), then
# apply the environment here.
if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  bash "${BASH_SOURCE[0]}" "$@" || return $?
  # shellcheck source=scripts/lib.sh
  . "$(dirname "${BASH_SOURCE[0]}")/lib.sh" && nxg_env
  return $?
fi

set -Eeuo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$NXG_ROOT"

on_error() {
  local rc=$? line="$1"
  nxg_err "setup failed (exit $rc, line $line). Fix the error above and re-run scripts/setup.sh."
  exit "$rc"
}
trap 'on_error $LINENO' ERR

export DEBIAN_FRONTEND=noninteractive
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
SETUP_START="$(nxg_now)"

# ---------------------------------------------------------------------------------------
# 1. system packages
# ---------------------------------------------------------------------------------------
nxg_step "system packages"

dpkg_installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" == "installed" ]]
}

want_pkgs=()
[[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || want_pkgs+=(chromium)
nxg_pg_bindir >/dev/null 2>&1 || want_pkgs+=(postgresql)
{ nxg_have cc && nxg_have make; } || want_pkgs+=(build-essential)
nxg_have perl || want_pkgs+=(perl)
nxg_have pkg-config || want_pkgs+=(pkg-config)
# pdftotext: the tests read the text of invoice PDFs.
nxg_have pdftotext || want_pkgs+=(poppler-utils)
if ! nxg_have node || ! nxg_have npm; then
  # Debian's nodejs is 18; node 20+ is recommended (this is only a fallback).
  want_pkgs+=(nodejs npm)
fi

if ((${#want_pkgs[@]})); then
  nxg_info "missing: ${want_pkgs[*]}"
  if nxg_is_root; then
    apt_run=()
  elif nxg_have sudo; then
    apt_run=(sudo -E)
  else
    nxg_die "need root (or sudo) to apt-get install: ${want_pkgs[*]}"
  fi
  apt_opts=(-y -o DPkg::Lock::Timeout=300)
  nxg_info "apt-get update"
  "${apt_run[@]}" apt-get "${apt_opts[@]}" update -qq ||
    nxg_die "apt-get update failed"
  nxg_info "apt-get install ${want_pkgs[*]}"
  "${apt_run[@]}" apt-get "${apt_opts[@]}" install -qq "${want_pkgs[@]}" ||
    nxg_die "apt-get install ${want_pkgs[*]} failed"
else
  nxg_ok "chromium, postgresql, build tools, pdftotext, node: present"
fi
[[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || nxg_die "chromium not found at ${CHROMIUM_PATH:-/usr/bin/chromium}"
nxg_pg_bindir >/dev/null || nxg_die "PostgreSQL server binaries still missing"

# ---------------------------------------------------------------------------------------
# 2. Rust toolchain pieces
# ---------------------------------------------------------------------------------------
nxg_step "Rust toolchain"
nxg_env # cargo bin dir + node_modules/.bin on PATH
nxg_have rustup || nxg_die "rustup not found: install Rust with rustup (https://rustup.rs) first"
nxg_have cargo || nxg_die "cargo not found on PATH"

installed_targets="$(rustup target list --installed)"
if ! grep -qx 'wasm32-unknown-unknown' <<<"$installed_targets"; then
  nxg_info "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown || nxg_die "rustup target add wasm32-unknown-unknown failed"
fi
installed_components="$(rustup component list --installed)"
missing_components=()
grep -q '^rustfmt' <<<"$installed_components" || missing_components+=(rustfmt)
grep -q '^clippy' <<<"$installed_components" || missing_components+=(clippy)
if ((${#missing_components[@]})); then
  nxg_info "rustup component add ${missing_components[*]}"
  rustup component add "${missing_components[@]}" || nxg_die "rustup component add failed"
fi
nxg_ok "$(rustc --version), target wasm32-unknown-unknown, rustfmt, clippy"

# Was crate $1 version $2 installed by `cargo install` with feature $3?
cargo_installed_with_feature() {
  local crates2="${CARGO_HOME:-$HOME/.cargo}/.crates2.json"
  [[ -f "$crates2" ]] || return 1
  if ! nxg_have python3; then return 0; fi # cannot tell: trust the version check
  python3 - "$crates2" "$1" "$2" "$3" <<'PY'
import json, sys
path, name, version, feature = sys.argv[1:]
installs = json.load(open(path)).get("installs", {})
for key, meta in installs.items():
    parts = key.split(" ")
    if parts[:2] == [name, version] and feature in meta.get("features", []):
        sys.exit(0)
sys.exit(1)
PY
}

# cargo install must not build into a shared/custom CARGO_TARGET_DIR (it would leave GBs
# of artifacts there); it uses a temporary directory otherwise.
# cargo-leptos ships `lto = true, codegen-units = 1` for its release profile, which makes
# the one-off install the slowest step of a cold CI run; these build tools do not need
# whole-program optimisation, so the install overrides both (config beats the manifest).
# opt-level 1 keeps them quick enough at what they do (orchestrating builds, rewriting one
# wasm file) while compiling in about half the time of opt-level 3.
cargo_install() {
  nxg_info "cargo install $* (this takes a while on a cold machine)"
  env -u CARGO_TARGET_DIR -u CARGO_BUILD_TARGET_DIR \
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=false \
    cargo install "$@"
}

# cargo-leptos
leptos_have="$(cargo leptos --version 2>/dev/null | awk '{print $NF}' || true)"
if [[ "$leptos_have" == "$NXG_CARGO_LEPTOS_VERSION" ]] &&
  cargo_installed_with_feature cargo-leptos "$NXG_CARGO_LEPTOS_VERSION" no_downloads; then
  nxg_ok "cargo-leptos $leptos_have (no_downloads)"
else
  nxg_step "installing cargo-leptos $NXG_CARGO_LEPTOS_VERSION (have: ${leptos_have:-none})"
  force=()
  [[ -n "$leptos_have" ]] && force=(--force)
  cargo_install cargo-leptos --version "$NXG_CARGO_LEPTOS_VERSION" --locked --features no_downloads "${force[@]}" ||
    nxg_die "cargo install cargo-leptos $NXG_CARGO_LEPTOS_VERSION failed"
  leptos_have="$(cargo leptos --version 2>/dev/null | awk '{print $NF}' || true)"
  [[ "$leptos_have" == "$NXG_CARGO_LEPTOS_VERSION" ]] ||
    nxg_die "cargo leptos --version reports '${leptos_have}', expected $NXG_CARGO_LEPTOS_VERSION"
fi

# wasm-bindgen CLI: must equal the wasm-bindgen crate version exactly. Installed WITHOUT
# --locked: its own lockfile names a crate the registry lacks.
wb_want="$(nxg_wasm_bindgen_version)"
wb_have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [[ "$wb_have" == "$wb_want" ]]; then
  nxg_ok "wasm-bindgen $wb_have (= wasm-bindgen crate)"
else
  nxg_step "installing wasm-bindgen-cli $wb_want (have: ${wb_have:-none})"
  force=()
  [[ -n "$wb_have" ]] && force=(--force)
  cargo_install wasm-bindgen-cli --version "$wb_want" "${force[@]}" ||
    nxg_die "cargo install wasm-bindgen-cli $wb_want failed"
  wb_have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  [[ "$wb_have" == "$wb_want" ]] || nxg_die "wasm-bindgen --version reports '${wb_have}', expected $wb_want"
fi

# ---------------------------------------------------------------------------------------
# 3. npm tools
# ---------------------------------------------------------------------------------------
nxg_step "npm tools (tailwindcss, wasm-opt, playwright)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if ((node_major < 20)); then
  nxg_warn "node $(node --version) is older than 20; Playwright/Tailwind may not work"
fi
stamp="node_modules/.package-lock.json" # npm's hidden lockfile, rewritten by npm install
if [[ ! -f "$stamp" || package.json -nt "$stamp" || package-lock.json -nt "$stamp" ||
  ! -x node_modules/.bin/tailwindcss || ! -x node_modules/.bin/wasm-opt ||
  ! -x node_modules/.bin/playwright ]]; then
  nxg_info "npm install --no-audit --no-fund"
  npm install --no-audit --no-fund || nxg_die "npm install failed"
  touch "$stamp"
fi
pkg_version() { sed -nE 's/^  "version": "([^"]+)".*/\1/p' "node_modules/$1/package.json" | head -n1; }
for spec in "tailwindcss:$NXG_TAILWIND_VERSION" "@tailwindcss/cli:$NXG_TAILWIND_VERSION" \
  "binaryen:$NXG_WASM_OPT_VERSION.0.0" "@playwright/test:1.65.1"; do
  name="${spec%:*}" want="${spec##*:}"
  have="$(pkg_version "$name" || true)"
  [[ "$have" == "$want" ]] || nxg_die "node_modules/$name is '${have:-missing}', expected $want (rm -rf node_modules && re-run)"
done
[[ "$(command -v wasm-opt)" == "$NXG_ROOT/node_modules/.bin/wasm-opt" ]] ||
  nxg_die "wasm-opt on PATH is $(command -v wasm-opt), expected node_modules/.bin/wasm-opt"
[[ "$(command -v tailwindcss)" == "$NXG_ROOT/node_modules/.bin/tailwindcss" ]] ||
  nxg_die "tailwindcss on PATH is $(command -v tailwindcss), expected node_modules/.bin/tailwindcss"
nxg_ok "tailwindcss $NXG_TAILWIND_VERSION, wasm-opt $NXG_WASM_OPT_VERSION (binaryen), @playwright/test 1.65.1, node $(node --version)"

nxg_step "setup done in $(nxg_fmt_secs $(($(nxg_now) - SETUP_START)))"
