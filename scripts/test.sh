#!/usr/bin/env bash
# Runs every test: formatting, lints, the simulation's purity, native unit and
# property tests, wasm tests in headless Chromium, and browser tests of the built
# app served by a plain static file server. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
source scripts/env.sh

step() { printf '\n== %s\n' "$1"; }

step "format"
cargo fmt --all --check

step "lints (native and wasm)"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p dials --target wasm32-unknown-unknown --locked -- -D warnings

step "the simulation crate has no web dependencies"
if cargo tree -p dials-sim -e normal --locked --prefix none | grep -E '^(leptos|web-sys|js-sys|gloo|wasm-bindgen)' ; then
  echo "dials-sim depends on a web crate" >&2
  exit 1
fi
echo "ok"

step "native tests"
cargo test --workspace --locked

step "build hooks: widget and scene pages, preview cards"
python3 -B -m unittest discover -s scripts -p 'test_*.py'

step "wasm tests in headless Chromium"
cargo test -p dials --target wasm32-unknown-unknown --locked --test determinism --test web

step "release build"
trunk build --release

step "browser tests against the built app"
node tests/browser/run.mjs
