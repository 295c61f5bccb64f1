#!/usr/bin/env bash
# What a first visit to a page downloads from /pkg: WASM + JS + CSS, raw and brotli
# (quality 11, as `cargo leptos build -P` precompresses; Node's zlib computes it when a
# file has no `.br` beside it). Build first, then:
#
#   cargo leptos build --release [-P] [--split]
#   bench/bundle.sh [SITE_PKG_DIR]      (default target/site/pkg)
#
# Every page loads the main module (with the header and toast islands), its loader, the
# split loader and the CSS; a page with a lazy island also loads that island's module
# and the shared chunks `__wasm_split_manifest*.json` lists for it (`--split`): the
# reviews section (profile, company), the apply panel (job), the workspace (sign-in and
# every signed-in page). See docs/decisions/0037-islands-and-one-lazy-workspace.md.
# Prints a Markdown table (bench/bundle.md keeps the figures quoted in the docs).
set -euo pipefail
pkg="${1:-target/site/pkg}"
# With hash-files the names carry a content hash (nxtgauge.<hash>.wasm).
compgen -G "$pkg/nxtgauge*.wasm" >/dev/null || {
  echo "no $pkg/nxtgauge*.wasm: run cargo leptos build --release first" >&2
  exit 1
}
node - "$pkg" <<'JS'
const fs = require("fs"), path = require("path"), zlib = require("zlib");
const pkg = process.argv[2];
const size = (name) => {
  const file = path.join(pkg, name);
  const raw = fs.statSync(file).size;
  const br = fs.existsSync(file + ".br")
    ? fs.statSync(file + ".br").size
    : zlib.brotliCompressSync(fs.readFileSync(file), {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 },
      }).length;
  return [raw, br];
};
// nxtgauge.wasm or nxtgauge.<hash>.wasm (hash-files), likewise .js and .css.
const main = (ext) => fs.readdirSync(pkg).find((f) =>
  new RegExp(`^nxtgauge(\\.[A-Za-z0-9_-]+)?\\.${ext}$`).test(f));
const base = [main("wasm"), main("js"), main("css")].concat(
  fs.readdirSync(pkg).filter((f) => /^__wasm_split\..*\.js$/.test(f)));
const manifestName = fs.readdirSync(pkg).find((f) => /^__wasm_split_manifest(\.[A-Za-z0-9_-]+)?\.json$/.test(f));
const split = manifestName ? JSON.parse(fs.readFileSync(path.join(pkg, manifestName))) : {};
const module = (prefix) => Object.keys(split).find((k) => k.startsWith(prefix));
// The lazy islands each page has: the reviews section on profile and company pages, the
// apply panel on a job page, the workspace on sign-in and every signed-in page.
const pages = [["home", []], ["search", []], ["job board", []],
  ["profile", ["reviews_island_loader"]], ["company", ["reviews_island_loader"]],
  ["job", ["apply_panel_loader"]], ["sign-in and every signed-in page", ["workspace_loader"]]];
const fmt = (n) => n.toLocaleString("en-US");
console.log("| page | files | raw bytes | brotli bytes |");
console.log("|---|---:|---:|---:|");
for (const [label, islands] of pages) {
  const files = new Set(base);
  for (const prefix of islands) {
    const key = module(prefix);
    if (key) for (const c of split[key]) files.add(`${c}.wasm`);
  }
  let raw = 0, br = 0;
  for (const f of files) { const [r, b] = size(f); raw += r; br += b; }
  console.log(`| ${label} | ${files.size} | ${fmt(raw)} | ${fmt(br)} |`);
}
JS
