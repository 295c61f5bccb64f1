#!/usr/bin/env bash
# What a first visit to a page downloads from /pkg: WASM + JS + CSS, raw and brotli
# (quality 11, as `cargo leptos build -P` precompresses; Node's zlib computes it when a
# file has no `.br` beside it). Build first, then:
#
#   cargo leptos build --release [-P] [--split]
#   bench/bundle.sh [SITE_PKG_DIR]      (default target/site/pkg)
#
# Without a split manifest every page loads the same three files. With one
# (`--split`, see docs/decisions/0035-wasm-split-measured.md), a page loads the main
# module, the loader, the CSS, its own module and the shared chunks the manifest names.
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
const manifestFile = path.join(pkg, "__wasm_split_manifest.json");
const split = fs.existsSync(manifestFile) ? JSON.parse(fs.readFileSync(manifestFile)) : {};
const pages = [["home", null], ["search", "search_page"], ["profile", "public_profile_page"],
  ["job", "job_detail_page"], ["job board", "job_board_page"], ["sign-in", "login_page"]];
const fmt = (n) => n.toLocaleString("en-US");
console.log("| page | files | raw bytes | brotli bytes |");
console.log("|---|---:|---:|---:|");
for (const [label, fn] of pages) {
  let files = base.slice();
  const key = fn && Object.keys(split).find((k) => k.startsWith(`__${fn}_view`));
  if (key) files = files.concat([`split_${key}.wasm`], split[key].map((c) => `${c}.wasm`));
  let raw = 0, br = 0;
  for (const f of files) { const [r, b] = size(f); raw += r; br += b; }
  console.log(`| ${label} | ${files.length} | ${fmt(raw)} | ${fmt(br)} |`);
}
JS
