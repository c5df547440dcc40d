#!/usr/bin/env bash
# Benchmarks: bundle size, work per slider input, dropped frames during a drag,
# the ring's delayed strategy comparison, the quorum widget's staleness chart and
# the cache widget's hit-ratio curve, the rate limiters' and the cells' sliders
# (all in headless Chromium against a release build), and the simulation's speed
# natively and in WebAssembly. Prints Markdown, the ring's sections then the
# quorum widget's, and writes it into docs/benchmarks.md between the bench markers.
#
#   scripts/bench.sh
#
# Reports figures only: nothing here fails because something is slow. Not part of
# scripts/test.sh. Takes about ten minutes on two cores; other work on the
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
cargo run -p dials-sim --release --locked --example quorum_bench >"$OUT/native-quorum.md"
cargo run -p dials-sim --release --locked --example cache_bench >"$OUT/native-cache.md"
cargo run -p dials-sim --release --locked --example rate_limit_bench >"$OUT/native-rate.md"
cargo run -p dials-sim --release --locked --example cells_bench >"$OUT/native-cells.md"
cargo run -p dials-sim --release --locked --example queue_bench >"$OUT/native-queue.md"

step "simulation, wasm in headless Chromium"
WASM_BINDGEN_TEST_TIMEOUT=900 cargo test -p dials --release --locked --target wasm32-unknown-unknown \
  --test sim_bench -- --nocapture >"$OUT/wasm-run.txt" 2>&1 || {
  cat "$OUT/wasm-run.txt" >&2
  exit 1
}
# Six tables, told apart by their headers: placement (ring), quorum, cache, rate limiters, cells and queues.
: >"$OUT/wasm.md"
: >"$OUT/wasm-quorum.md"
: >"$OUT/wasm-cache.md"
: >"$OUT/wasm-rate.md"
: >"$OUT/wasm-cells.md"
: >"$OUT/wasm-queue.md"
awk -v ring="$OUT/wasm.md" -v quorum="$OUT/wasm-quorum.md" -v cache="$OUT/wasm-cache.md" -v rate="$OUT/wasm-rate.md" -v cells="$OUT/wasm-cells.md" -v queue="$OUT/wasm-queue.md" '
  /^\| function \| nodes/ { out = ring }
  /^\| function \| config/ { out = quorum }
  /^\| policy \| cache size/ { out = cache }
  /^\| algorithm \| accepted/ { out = rate }
  /^\| function \| setting/ { out = cells }
  /^\| configuration \| servers/ { out = queue }
  /^\| / && out != "" { print > out }' "$OUT/wasm-run.txt"
for f in wasm.md wasm-quorum.md wasm-cache.md wasm-rate.md wasm-cells.md wasm-queue.md; do
  if [ "$(grep -c '^| [A-Za-z]' "$OUT/$f")" -lt 2 ]; then
    echo "no $f table in the wasm test's output (see $OUT/wasm-run.txt)" >&2
    exit 1
  fi
done

step "browser: bundle size, inputs, frames, ring comparison, quorum chart"
# The timings share two cores with anything else running: note other builds.
busy() { ps -eo comm= | grep -Ex 'rustc|cargo|trunk|wasm-opt' | sort -u | tr '\n' ' ' || true; }
others="$(busy)"
rm -f "$OUT"/browser*.md
node tests/browser/bench.mjs "$DIST" >"$OUT/browser-all.md"
node tests/browser/bench-cache.mjs "$DIST" >"$OUT/browser-cache.md"
node tests/browser/bench-rate.mjs "$DIST" >"$OUT/browser-rate.md"
node tests/browser/bench-cells.mjs "$DIST" >"$OUT/browser-cells.md"
node tests/browser/bench-queue.mjs "$DIST" >"$OUT/browser-queue.md"
others="$others$(busy)"
# The ring's sections (and the bundle), then the quorum widget's body and targets.
awk -v dir="$OUT" '
  /^<!-- part: quorum -->$/ { part = "-quorum"; next }
  /^<!-- part: quorum-targets -->$/ { part = "-quorum-targets"; next }
  { print > (dir "/browser" part ".md") }' "$OUT/browser-all.md"

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

# Quorum throughput, native and wasm side by side, joined on (function, config).
quorum_table() {
  awk -F' *\\| *' '
    FNR == 1 { file++ }
    !/^\| [A-Za-z:]/ || $2 == "function" { next }
    file == 1 { nms[$2 "|" $3] = $5; nrate[$2 "|" $3] = $6; next }
    file == 2 { order[++n] = $2 "|" $3; trials[$2 "|" $3] = $4; wms[$2 "|" $3] = $5; wrate[$2 "|" $3] = $6 }
    END {
      print "| function | config | trials | native ms | wasm ms | native M trials/s | wasm M trials/s | wasm / native time |"
      print "|---|---|---:|---:|---:|---:|---:|---:|"
      for (i = 1; i <= n; i++) {
        k = order[i]; split(k, p, "|")
        r = (k in nms && nms[k] > 0) ? sprintf("%.2f", wms[k] / nms[k]) : "n/a"
        printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", p[1], p[2], trials[k],
          (k in nms ? nms[k] : "n/a"), wms[k], (k in nrate ? nrate[k] : "n/a"), wrate[k], r
      }
    }' "$OUT/native-quorum.md" "$OUT/wasm-quorum.md"
}

# The throughput target: WARS at N=3 in wasm.
WARS_TARGET=2
quorum_sim_target() {
  awk -F' *\\| *' -v target="$WARS_TARGET" '
    $2 == "wars::simulate" && $3 ~ /^n=3 / {
      printf "- WARS throughput in wasm at N=3, at least %s M trials/s: %s M trials/s, **%s**.\n", target, $6, ($6 + 0 >= target ? "met" : "not met")
      found = 1
    }
    END { if (!found) print "- WARS throughput in wasm at N=3: no figure (see the wasm test output)." }' "$OUT/wasm-quorum.md"
}

# Cache throughput, native and wasm side by side, joined on (policy, cache size).
cache_table() {
  awk -F' *\\| *' '
    FNR == 1 { file++ }
    !/^\| [A-Za-z]/ || $2 == "policy" { next }
    file == 1 { nms[$2 "|" $3] = $4; nrate[$2 "|" $3] = $5; next }
    file == 2 { order[++n] = $2 "|" $3; wms[$2 "|" $3] = $4; wrate[$2 "|" $3] = $5 }
    END {
      print "| policy | cache size | native ms | wasm ms | native M requests/s | wasm M requests/s |"
      print "|---|---|---:|---:|---:|---:|"
      for (i = 1; i <= n; i++) {
        k = order[i]; split(k, p, "|")
        printf "| %s | %s | %s | %s | %s | %s |\n", p[1], p[2], (k in nms ? nms[k] : "n/a"), wms[k], (k in nrate ? nrate[k] : "n/a"), wrate[k]
      }
    }' "$OUT/native-cache.md" "$OUT/wasm-cache.md"
}

# The throughput targets in wasm: LRU 20 M requests/s, OPT 2, every other policy 5.
cache_targets() {
  awk -F' *\\| *' '
    $2 == "policy" || $2 ~ /^whole/ || !/^\| [A-Za-z]/ { next }
    {
      target = ($2 == "LRU") ? 20 : ($2 == "OPT") ? 2 : 5
      rate = $5 + 0
      if (!($2 in worst) || rate < worst[$2]) worst[$2] = rate
      goal[$2] = target
      if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 }
    }
    END {
      for (i = 1; i <= n; i++) {
        k = order[i]; if (worst[k] < goal[k]) missed = missed " " k
        parts = parts (i > 1 ? ", " : "") k " " worst[k]
      }
      printf "- Wasm throughput on 1,000,000 Zipf requests at cache sizes 1,000 and 10,000 (LRU ≥ 20, OPT ≥ 2, others ≥ 5 M requests/s; slower size shown): %s; **%s**.\n", parts, (missed == "" ? "met" : "not met:" missed)
    }' "$OUT/wasm-cache.md"
}

# Rate-limiter throughput, native and wasm side by side, joined on the algorithm.
rate_table() {
  awk -F' *\\| *' '
    FNR == 1 { file++ }
    !/^\| [A-Za-z]/ || $2 == "algorithm" { next }
    file == 1 { nms[$2] = $4; nrate[$2] = $5; next }
    file == 2 { order[++n] = $2; acc[$2] = $3; wms[$2] = $4; wrate[$2] = $5 }
    END {
      print "| algorithm | accepted | native ms | wasm ms | native M decisions/s | wasm M decisions/s |"
      print "|---|---:|---:|---:|---:|---:|"
      for (i = 1; i <= n; i++) {
        k = order[i]
        printf "| %s | %s | %s | %s | %s | %s |\n", k, acc[k], (k in nms ? nms[k] : "n/a"), wms[k], (k in nrate && nrate[k] != "" ? nrate[k] : "—"), (wrate[k] != "" ? wrate[k] : "—")
      }
    }' "$OUT/native-rate.md" "$OUT/wasm-rate.md"
}

# The target: a million requests decided by all six in under 100 ms in wasm.
rate_target() {
  awk -F' *\\| *' '
    $2 == "all six, decisions only" {
      printf "- A 1,000,000-request stream decided by all six algorithms in wasm, under 100 ms: %s ms, **%s**.\n", $4, ($4 + 0 < 100 ? "met" : "not met")
      found = 1
    }
    END { if (!found) print "- Rate limiters in wasm: no figure (see the wasm test output)." }' "$OUT/wasm-rate.md"
}

# Cells simulation time, native and wasm side by side, joined on (function, setting).
cells_table() {
  awk -F' *\\| *' '
    FNR == 1 { file++ }
    !/^\| [A-Za-z]/ || $2 == "function" { next }
    file == 1 { nms[$2 "|" $3] = $4; next }
    file == 2 { order[++n] = $2 "|" $3; wms[$2 "|" $3] = $4 }
    END {
      print "| function | setting | native ms | wasm ms | wasm / native |"
      print "|---|---|---:|---:|---:|"
      for (i = 1; i <= n; i++) {
        k = order[i]; split(k, p, "|")
        r = (k in nms && nms[k] > 0) ? sprintf("%.2f", wms[k] / nms[k]) : "n/a"
        printf "| %s | %s | %s | %s | %s |\n", p[1], p[2], (k in nms ? nms[k] : "n/a"), wms[k], r
      }
    }' "$OUT/native-cells.md" "$OUT/wasm-cells.md"
}

# Queue simulation time, native and wasm side by side, joined on the configuration.
queue_table() {
  awk -F' *\\| *' '
    FNR == 1 { file++ }
    !/^\| [A-Za-z…]/ || $2 == "configuration" { next }
    file == 1 { nms[$2] = $6; next }
    file == 2 { order[++n] = $2; wms[$2] = $6; req[$2] = $4; jobs[$2] = $5 }
    END {
      print "| configuration | requests | jobs per request | native ms | wasm ms | wasm / native |"
      print "|---|---:|---:|---:|---:|---:|"
      for (i = 1; i <= n; i++) {
        k = order[i]
        r = (k in nms && nms[k] > 0) ? sprintf("%.2f", wms[k] / nms[k]) : "n/a"
        printf "| %s | %s | %s | %s | %s | %s |\n", k, req[k], jobs[k], (k in nms ? nms[k] : "n/a"), wms[k], r
      }
    }' "$OUT/native-queue.md" "$OUT/wasm-queue.md"
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
  echo
  cat "$OUT/browser-quorum.md"
  echo
  echo "### Quorum: simulation throughput, native vs wasm"
  echo
  echo "Trials per second of the WARS simulation (the staleness-over-time curve, SSD latencies) and of the Monte Carlo"
  echo "staleness estimate, release profile on both sides; median of 9 runs natively and 15 in wasm, each after one warm-up."
  echo
  quorum_table
  echo
  echo "### Quorum: against the targets"
  echo
  cat "$OUT/browser-quorum-targets.md"
  quorum_sim_target
  echo
  cat "$OUT/browser-cache.md"
  echo
  echo "### Cache: simulation throughput, native vs wasm"
  echo
  echo "The widget's largest workload: 1,000,000 requests from Zipf(α = 1.0) over 100,000 keys, seed 1. Median of 5 runs natively and 15 in wasm,"
  echo "each after one warm-up, release profile on both sides; the last row is one pass over every run of a hit-ratio curve (9 policies × 11 sizes)."
  echo
  cache_table
  echo
  echo "### Cache: against the targets"
  echo
  cache_targets
  echo
  cat "$OUT/browser-rate.md"
  echo
  echo "### Rate limiters: decisions per second, native vs wasm"
  echo
  echo "A 1,000,000-request Poisson stream at 100,000 per second against 50,000 per second, seed 1. Median of 9 runs natively and 15 in wasm,"
  echo "each after one warm-up, release profile on both sides; the last row is all six through the widget's own pass (outcomes, 600 state samples, readouts)."
  echo
  rate_table
  echo
  echo "### Rate limiters: against the target"
  echo
  rate_target
  echo
  cat "$OUT/browser-cells.md"
  echo
  echo "### Cells: simulation time, native vs wasm"
  echo
  echo "100,000 Zipf(1) tenants, seed 1; median of 9 runs natively and 15 in wasm, each after one warm-up, release profile on both sides."
  echo
  cells_table
  echo
  cat "$OUT/browser-queue.md"
  echo
  echo "### Queues: simulation time, native vs wasm"
  echo
  echo "1,000,000 requests through 100 servers at 90 % load per policy (Poisson arrivals, exponential work, 200 samples per server), then fan-out and hedging;"
  echo "seed 1, median of 5 runs natively and 3 in wasm, each after one warm-up, release profile on both sides."
  echo
  queue_table
} >"$OUT/results.md"

cat "$OUT/results.md"

# Replace what lies between the markers in the doc with the latest results.
node scripts/between_markers.mjs "$DOC" "$OUT/results.md" bench
