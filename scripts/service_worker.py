#!/usr/bin/env python3
"""Post-build step: lets the built folder work offline after one visit.

Writes sw.js, a service worker that keeps this build's files in one cache
(from the template assets/sw.js), and makes loader.js register it. The
version is a hash of every file served, so any change to the build gives
the worker a new cache and the old one is dropped whole.

Run by scripts/csp_loader.py once loader.js exists (one Trunk hook, because
Trunk runs the hooks of a stage side by side). It also runs on its own, on
an already built folder:

    TRUNK_STAGING_DIR=dist python3 scripts/service_worker.py

Running it again changes nothing: the registration is added once and sw.js
is written from the same files.
"""
import base64
import hashlib
import json
import os
import sys

WORKER = "sw.js"
TEMPLATE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "sw.js")
MARKER = "// Offline copy: registers sw.js"
REGISTRATION = MARKER + """ (added by scripts/service_worker.py).
// Browsers allow service workers over https and on localhost only, never from
// file:. Without one the app works as before, just not offline, so a refusal
// is a warning, not an error.
// It registers once the page has loaded, so copying the build never competes
// with starting the app. An embedded page (embed=1) registers none: a reader of
// a post needs the one widget, not a copy of every page in the background.
const embedded = ['1', 'true', 'yes'].includes((new URLSearchParams(location.search).get('embed') || '').trim());
if (!embedded && (location.protocol === 'https:' || location.protocol === 'http:')) {
  const offline = () => {
    try {
      if (!('serviceWorker' in navigator)) return;
      navigator.serviceWorker.register('./sw.js')
        .catch((e) => console.warn('Dials: no offline copy:', e && e.message));
    } catch (e) {
      // A sandboxed frame may not even read navigator.serviceWorker.
      console.warn('Dials: no offline copy:', e && e.message);
    }
  };
  if (document.readyState === 'complete') offline();
  else window.addEventListener('load', offline, { once: true });
}
"""


def kept(rel: str) -> bool:
    """Whether the worker keeps a file: all but itself and the PNG pictures of
    previews/, which link previews fetch and the app never shows (1.4 MB)."""
    return rel != WORKER and not (rel.startswith("previews/") and rel.endswith(".png"))


def build_files(staging: str) -> list:
    """Every file of the build the worker keeps (relative, '/'-separated, sorted)."""
    found = []
    for folder, dirs, names in os.walk(staging):
        dirs.sort()
        for name in names:
            rel = os.path.relpath(os.path.join(folder, name), staging).replace(os.sep, "/")
            if kept(rel):
                found.append(rel)
    return sorted(found)


def add_registration(staging: str) -> None:
    loader = os.path.join(staging, "loader.js")
    with open(loader, encoding="utf-8") as f:
        code = f.read()
    if MARKER in code:
        return
    with open(loader, "w", encoding="utf-8") as f:
        f.write(code.rstrip("\n") + "\n\n" + REGISTRATION)


def write_worker(staging: str) -> str:
    """Writes sw.js for the files now in `staging`; returns the version."""
    with open(TEMPLATE, encoding="utf-8") as f:
        template = f.read()
    for placeholder in ("'__DIALS_VERSION__'", "__DIALS_FILES__"):
        if template.count(placeholder) != 1:
            raise ValueError(f"{TEMPLATE} should hold {placeholder} exactly once")
    # The version covers the worker's own code too, so a changed template
    # gets a cache of its own.
    digest = hashlib.sha256(template.encode("utf-8"))
    integrity = {}
    for rel in build_files(staging):
        with open(os.path.join(staging, rel), "rb") as f:
            data = f.read()
        digest.update(rel.encode("utf-8") + b"\0" + data + b"\0")
        integrity[rel] = "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")
    version = digest.hexdigest()[:16]
    worker = template.replace("'__DIALS_VERSION__'", f"'{version}'", 1)
    worker = worker.replace("__DIALS_FILES__", json.dumps(integrity, indent=2), 1)
    with open(os.path.join(staging, WORKER), "w", encoding="utf-8") as f:
        f.write(worker)
    return version


def add_service_worker(staging: str) -> str:
    """The whole step: registration in loader.js first, since it is a file of the build too."""
    add_registration(staging)
    return write_worker(staging)


def main() -> int:
    staging = os.environ.get("TRUNK_STAGING_DIR")
    if not staging:
        print("service_worker: TRUNK_STAGING_DIR is not set (run it from Trunk)", file=sys.stderr)
        return 1
    if not os.path.exists(os.path.join(staging, "loader.js")):
        print("service_worker: no loader.js (scripts/csp_loader.py writes it)", file=sys.stderr)
        return 1
    add_service_worker(staging)
    return 0


if __name__ == "__main__":
    sys.exit(main())
