#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing. Idempotent:
# a second run checks versions and does nothing.
#
#   scripts/setup.sh            toolchain for building and serving
#   scripts/setup.sh --browser  also Chromium, ChromeDriver and the npm test tools
#
# Everything comes from the package registries: Rust tools from crates.io (built
# from source), browsers from Debian's packages, test tools from npm.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)

say() { printf '\n== %s\n' "$*"; }

if ! grep -q "wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml; then
  echo "Trunk.toml pins a wasm-bindgen other than Cargo.lock's $WASM_BINDGEN_VERSION; update [tools] wasm_bindgen" >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for c in clippy rustfmt; do
  if ! rustup component list --installed | grep -q "^$c"; then
    rustup component add "$c"
  fi
done

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  say "installing trunk $TRUNK_VERSION from crates.io (several minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io (a few minutes, once)"
  # Without --locked: the tool's own lock file names a crate version the registry
  # no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# npm packages: playwright-core and axe-core for the browser tests, binaryen's
# wasm-opt (Debian's is too old and silently breaks the module), and terser,
# which the build's post-build hook runs on each binary's JS glue.
if [ ! -x tests/browser/node_modules/.bin/wasm-opt ] || [ ! -x tests/browser/node_modules/.bin/terser ] || [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then
  say "installing npm packages (wasm-opt, terser, playwright-core, axe-core)"
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi

# python3 runs Trunk's post-build hook (scripts/csp_loader.py) and serves the
# built folder (scripts/serve.sh).
if ! command -v python3 >/dev/null; then
  say "installing Debian's python3"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3 >/dev/null
fi

if [ "${1:-}" = "--browser" ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi

say "fetching crates"
# With no network (a talk venue), what an earlier run fetched is enough.
cargo fetch --locked --quiet 2>/dev/null || cargo fetch --locked --offline --quiet
