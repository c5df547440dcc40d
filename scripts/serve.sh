#!/usr/bin/env bash
# Builds the app for release and serves the built folder on http://127.0.0.1:8080/
# with a plain static file server, exactly as any static host would.
#   scripts/serve.sh [port]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
PORT="${1:-8080}"
trunk build --release
echo "Dials is at http://127.0.0.1:$PORT/ (Ctrl-C to stop)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
