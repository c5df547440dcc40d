#!/usr/bin/env python3
"""Trunk post-build hook: makes index.html run under a strict Content-Security-Policy.

Trunk writes the code that starts the app as an inline <script type="module">.
A policy of script-src 'self' forbids inline scripts, so this moves that code
into loader.js next to index.html, loads it with <script type="module" src>,
and adds the policy itself as a <meta> tag. Run by Trunk with
TRUNK_STAGING_DIR set (see Trunk.toml).

Then, once loader.js exists, it writes the offline service worker
(scripts/service_worker.py). Both steps share this one hook because Trunk
runs the hooks of a stage side by side, and the worker must list the final
index.html and loader.js.
"""
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ left in scripts/ by each build
from service_worker import add_service_worker  # noqa: E402

POLICY = (
    "default-src 'self'; "
    "script-src 'self' 'wasm-unsafe-eval'; "
    # why: widgets set style attributes and one generated <style> rule; scripts stay strict.
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; "
    "connect-src 'self'; "
    "frame-src 'self'; "
    "object-src 'none'; "
    "base-uri 'self'"
)

def main() -> int:
    staging = os.environ.get("TRUNK_STAGING_DIR")
    if not staging:
        print("csp_loader: TRUNK_STAGING_DIR is not set (run it from Trunk)", file=sys.stderr)
        return 1
    index = os.path.join(staging, "index.html")
    with open(index, encoding="utf-8") as f:
        html = f.read()
    inline = re.compile(r'<script type="module">(.*?)</script>', re.S)
    found = inline.search(html)
    if not found:
        print("csp_loader: no inline module script in index.html", file=sys.stderr)
        return 1
    with open(os.path.join(staging, "loader.js"), "w", encoding="utf-8") as f:
        f.write(found.group(1).strip() + "\n")
    html = inline.sub('<script type="module" src="./loader.js"></script>', html, count=1)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}" />'
    html = html.replace("<head>", "<head>\n    " + meta, 1)
    with open(index, "w", encoding="utf-8") as f:
        f.write(html)
    add_service_worker(staging)
    return 0

if __name__ == "__main__":
    sys.exit(main())
