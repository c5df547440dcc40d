#!/usr/bin/env bash
# Long runs: every widget's animation kept playing in headless Chromium against a
# release build, one widget after another, as it would through a talk. Reads the
# JS heap and the wasm memory at the start and the end of each widget's run (after
# a forced garbage collection) and times every animation frame in between. Prints
# a Markdown table, writes it into docs/benchmarks.md between the soak markers,
# and exits non-zero when a widget breaks a limit: JS heap or wasm memory growing
# by 5 MB or more, a frame longer than 50 ms, an animation that stops moving, or a
# console error. The table is written either way.
#
#   scripts/soak.sh                          every widget for 10 minutes (about 55 minutes in all)
#   SOAK_MINUTES=1 scripts/soak.sh           minutes each widget plays (default 10)
#   SOAK_WIDGETS=ring,cells scripts/soak.sh  some widgets only (ring, quorum, cache, rate-limit, cells)
#   SOAK_SKIP_BUILD=1 scripts/soak.sh        no build: serve the folder as it is
#   SOAK_DIST=folder scripts/soak.sh         the folder to build into and serve (default dist)
#   SOAK_WARMUP_S=20 scripts/soak.sh         seconds each widget plays before the start reading
#
# Not part of scripts/test.sh. Frame times depend on whatever else runs on the
# machine: run it on an idle one. Intermediate output stays in target/soak/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser >&2
source scripts/env.sh

MINUTES="${SOAK_MINUTES:-10}"
DIST="${SOAK_DIST:-dist}"
OUT=target/soak
DOC=docs/benchmarks.md
mkdir -p "$OUT"

step() { printf '\n== %s\n' "$1" >&2; }

if [ "${SOAK_SKIP_BUILD:-0}" = 1 ]; then
  step "no build (SOAK_SKIP_BUILD=1): serving $DIST as it is"
else
  step "release build into $DIST"
  trunk build --release --dist "$DIST" >&2
fi

step "soak: ${SOAK_WIDGETS:-every widget}, $MINUTES minutes each"
# The frame times share the cores with anything else running: note other builds.
busy() { ps -eo comm= | grep -Ex 'rustc|cargo|trunk|wasm-opt' | sort -u | tr '\n' ' ' || true; }
others="$(busy)"
status=0
SOAK_MINUTES="$MINUTES" SOAK_JSON="$OUT/soak.json" node tests/browser/soak.mjs "$DIST" >"$OUT/table.md" || status=$?
others="$others$(busy)"
if [ "$status" -ge 2 ] || [ ! -s "$OUT/table.md" ]; then
  echo "soak: could not measure (exit $status); the doc is unchanged" >&2
  exit $((status >= 2 ? status : 2))
fi

# The command as run, without the folder (a machine's path) or the build switch.
cmd="scripts/soak.sh"
if [ -n "${SOAK_WIDGETS:-}" ]; then cmd="SOAK_WIDGETS=$SOAK_WIDGETS $cmd"; fi
if [ "$MINUTES" != 10 ]; then cmd="SOAK_MINUTES=$MINUTES $cmd"; fi

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') with \`$cmd\` on $(nproc) cores${cpu:+ ($cpu)}, $(uname -sm);"
  echo "$(chromium --version 2>/dev/null | head -1), headless; node $(node --version)."
  if awk -v m="$MINUTES" 'BEGIN { exit !(m < 10) }'; then
    echo
    echo "**A short run ($MINUTES minutes per widget): the limits are meant for at least 10 minutes.**"
  fi
  if [ -n "$others" ]; then
    echo
    echo "**Other builds (cargo, rustc, trunk or wasm-opt) were running during the soak: frame times are pessimistic.**"
  fi
  echo
  cat "$OUT/table.md"
  echo
  if [ "$status" = 0 ]; then
    echo "Every widget within the limits."
  else
    echo "**At least one widget broke a limit** (see its row)."
  fi
} >"$OUT/results.md"

cat "$OUT/results.md"

# Replace what lies between the markers in the doc with the latest results.
node scripts/between_markers.mjs "$DOC" "$OUT/results.md" soak
exit "$status"
