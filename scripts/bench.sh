#!/usr/bin/env bash
# Benchmarks: bundle size, work per slider input, dropped frames during a drag,
# the delayed strategy comparison (all in headless Chromium against a release
# build), and the simulation's speed natively and in WebAssembly. Prints Markdown
# and writes it into docs/benchmarks.md between the bench markers.
#
#   scripts/bench.sh
#
# Reports figures only: nothing here fails because something is slow. Not part of
# scripts/test.sh. Takes about five minutes on two cores; other work on the
# machine at the same time shows up in the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser >&2
source scripts/env.sh

DIST=target/bench-dist
OUT=target/bench
DOC=docs/benchmarks.md
mkdir -p "$OUT"

step() { printf '\n== %s\n' "$1" >&2; }

step "release build into $DIST"
# A folder of its own, so it never fights with dist/ from serve.sh or test.sh.
trunk build --release --dist "$DIST" >&2

step "simulation, native"
cargo run -p dials-sim --release --locked --example ring_bench >"$OUT/native.md"

step "simulation, wasm in headless Chromium"
WASM_BINDGEN_TEST_TIMEOUT=900 cargo test -p dials --release --locked --target wasm32-unknown-unknown \
  --test sim_bench -- --nocapture >"$OUT/wasm-run.txt" 2>&1 || {
  cat "$OUT/wasm-run.txt" >&2
  exit 1
}
grep -E '^\| ' "$OUT/wasm-run.txt" >"$OUT/wasm.md"
if [ "$(grep -c '^| [A-Za-z]' "$OUT/wasm.md")" -lt 2 ]; then
  echo "no table in the wasm test's output (see $OUT/wasm-run.txt)" >&2
  exit 1
fi

step "browser: bundle size, inputs, frames, comparison"
# The timings share two cores with anything else running: note other builds.
busy() { ps -eo comm= | grep -Ex 'rustc|cargo|trunk|wasm-opt' | sort -u | tr '\n' ' ' || true; }
others="$(busy)"
node tests/browser/bench.mjs "$DIST" >"$OUT/browser.md"
others="$others$(busy)"

# Native and wasm side by side, joined on (function, sizes).
sim_table() {
  awk -F' *\\| *' '
    FNR == 1 { file++ }
    !/^\| [A-Za-z:]/ || $2 == "function" { next }
    file == 1 { native[$2 "|" $3] = $4; next }
    file == 2 { order[++n] = $2 "|" $3; wasm[$2 "|" $3] = $4 }
    END {
      print "| function | nodes × vnodes, keys | native ms | wasm ms | wasm / native |"
      print "|---|---|---:|---:|---:|"
      for (i = 1; i <= n; i++) {
        k = order[i]; split(k, p, "|")
        r = (k in native && native[k] > 0) ? sprintf("%.2f", wasm[k] / native[k]) : "n/a"
        printf "| %s | %s | %s | %s | %s |\n", p[1], p[2], (k in native ? native[k] : "n/a"), wasm[k], r
      }
    }' "$OUT/native.md" "$OUT/wasm.md"
}

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') with \`scripts/bench.sh\` on $(nproc) cores${cpu:+ ($cpu)}, $(uname -sm);"
  echo "$(chromium --version 2>/dev/null | head -1), headless; $(rustc --version); node $(node --version)."
  if [ -n "$others" ]; then
    echo
    echo "**Other builds (cargo, rustc, trunk or wasm-opt) were running while the browser figures were taken: they are pessimistic.**"
  fi
  echo
  cat "$OUT/browser.md"
  echo
  echo "### Simulation: native vs wasm"
  echo
  echo "Median of 15 runs after one warm-up, release profile (opt-level \"z\", LTO) on both sides."
  echo
  sim_table
} >"$OUT/results.md"

cat "$OUT/results.md"

# Replace what lies between the markers in the doc with the latest results.
node - "$DOC" "$OUT/results.md" <<'EOF'
const fs = require('node:fs');
const [doc, results] = process.argv.slice(2);
const text = fs.readFileSync(doc, 'utf8');
const start = '<!-- bench:start -->';
const end = '<!-- bench:end -->';
const a = text.indexOf(start);
const b = text.indexOf(end);
if (a < 0 || b < a) {
  console.error(`${doc}: markers ${start} / ${end} not found; results are in ${results}`);
  process.exit(1);
}
const body = fs.readFileSync(results, 'utf8').trimEnd();
fs.writeFileSync(doc, `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`);
console.error(`\nwrote the results into ${doc}`);
EOF
