# Sourced by the other scripts: puts the project's tools first on PATH.
export PATH="$PWD/tests/browser/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
# Keep build-machine paths out of the bundle (panic locations carry file names),
# and let Leptos erase component types (`erase_components`): the same behaviour
# with less monomorphised code, about 12 KB less brotli.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src/=crates/ --remap-path-prefix=$PWD/=dials/ --remap-path-prefix=$HOME/.rustup/=rust/"
