#!/usr/bin/env python3
"""Trunk post-build hook: one start-up script for every page, under a strict
Content-Security-Policy.

The app is one WebAssembly binary per page (see src/bundle.rs): the shell
(Trunk's main module, `dials-<hash>.js` and `_bg.wasm`) and one per widget
(index.html's `data-type="worker"` links, which Trunk builds to `<name>.js`
and `<name>_bg.wasm` and leaves out of the page). This hook

- gives every binary short import names (scripts/short_names.py), about 5 KB
  less per page, and minifies its JS glue with terser (from npm, see
  scripts/setup.sh), about 2 KB less;
- gives each widget's files a content hash in their names, as Trunk does for
  the main module, so a new build never meets a cached old file;
- replaces Trunk's inline start-up script with loader.js, which picks the
  binary named like the page's `view` parameter (the shell for any other)
  and loads only that one;
- drops Trunk's preload links for the shell, which a widget page never needs;
- adds the policy as a <meta> tag: script-src 'self' forbids inline scripts,
  hence loader.js as a file of its own.

Run by Trunk with TRUNK_STAGING_DIR set (see Trunk.toml).

Then, once loader.js exists, it writes a page of its own for every widget
and scene, with its link-preview card and PNG picture (scripts/pages.py),
and last the offline service worker (scripts/service_worker.py). These
steps share this one hook because Trunk runs the hooks of a stage side by
side, and each needs the files of the one before: the pages are copies of
the final index.html, and the worker lists them all.
"""
import hashlib
import json
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ left in scripts/ by each build
from pages import SITE_ENV, add_pages, site_url  # noqa: E402
from service_worker import add_service_worker  # noqa: E402
from short_names import shorten  # noqa: E402

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

# Written as loader.js, with the modules filled in.
LOADER = """// Starts Dials (written by scripts/csp_loader.py). Each page loads one
// binary: the one named like its `view` parameter, else the shell.
const SHELL = __SHELL__;
const WIDGETS = new Map(Object.entries(__WIDGETS__));
// A widget's, a scene's or an article's own page (ring.html,
// ring.node-joins.html, ring.article.html, written
// for link previews by scripts/pages.py) names them in <meta> tags. Before
// anything reads the address, it becomes the app's own:
// index.html?view=ring&scene=node-joins, followed by the link's parameters
// as given. The app reads the query, and its links and reloads then work as
// they do from index.html.
const named = (name) => document.querySelector(`meta[name="dials-${name}"]`)?.content;
if (named('view')) {
  const given = new URLSearchParams(location.search);
  const own = [];
  if (!given.has('view')) {
    own.push(`view=${encodeURIComponent(named('view'))}`);
    if (named('scene') && !given.has('scene') && !given.has('beat')) {
      own.push(`scene=${encodeURIComponent(named('scene'))}`);
    }
    if (named('article') && !given.has('article')) {
      own.push('article=1');
    }
  }
  const query = [...own, location.search.slice(1)].filter(Boolean).join('&');
  try {
    history.replaceState(history.state, '', `index.html${query ? '?' + query : ''}${location.hash}`);
  } catch (e) {
    console.warn('Dials: this page could not open its scene:', e && e.message);
  }
}
const view = new URLSearchParams(location.search).get('view');
const { js, wasm: file } = WIDGETS.get(view) || SHELL;
// The wasm file downloads while the JS glue loads and runs.
const module_or_path = fetch(file);
const bindings = await import(js);
const wasm = await bindings.default({ module_or_path });

window.wasmBindings = bindings;

dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
"""


def shell_module(script: str) -> dict:
    """The shell's files, as Trunk's start-up script names them."""
    js = re.search(r"import init[^;]*? from '([^']+\.js)';", script)
    wasm = re.search(r"module_or_path: '([^']+_bg\.wasm)'", script)
    if not js or not wasm:
        raise ValueError("Trunk's start-up script names no module: " + script)
    return {"js": js.group(1), "wasm": wasm.group(1)}


# Installed from npm by scripts/setup.sh, with the browser tests' packages.
TERSER = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "tests", "browser", "node_modules", ".bin", "terser"
)


def minify(js_path: str) -> None:
    """Minifies a binary's JS glue in place: an ES module, so terser keeps its
    exports' names, and it never renames properties, so the import object's
    keys and the wasm's export names stay as they are."""
    done = subprocess.run(
        [TERSER, js_path, "--module", "--compress", "--mangle", "-o", js_path],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"terser failed on {js_path}:\n{done.stderr}")


def compact_binary(js_path: str, wasm_path: str) -> None:
    """Makes a binary's files smaller in place: short import names in its JS
    glue and wasm, then the glue minified."""
    with open(js_path, encoding="utf-8") as f:
        js = f.read()
    module = re.search(r'"(\./[^"]+_bg\.js)": import0', js)
    if not module:
        raise ValueError(f"{js_path}: no import object for the wasm")
    with open(wasm_path, "rb") as f:
        wasm = f.read()
    wasm, js, renamed = shorten(wasm, js, module.group(1))
    if renamed == 0:
        raise ValueError(f"{js_path}: no import could be renamed")
    with open(js_path, "w", encoding="utf-8") as f:
        f.write(js)
    with open(wasm_path, "wb") as f:
        f.write(wasm)
    minify(js_path)


def widget_modules(staging: str, shell: dict) -> dict:
    """Each widget binary's files (Trunk names them `<name>.js` and
    `<name>_bg.wasm`), renamed with a content hash; keyed by name."""
    shell_files = {os.path.basename(shell["js"]), os.path.basename(shell["wasm"])}
    found = {}
    for name in sorted(os.listdir(staging)):
        if not name.endswith("_bg.wasm") or name in shell_files:
            continue
        binary = name[: -len("_bg.wasm")]
        js = os.path.join(staging, binary + ".js")
        wasm = os.path.join(staging, name)
        if not os.path.exists(js):
            continue
        compact_binary(js, wasm)
        digest = hashlib.sha256()
        for path in (js, wasm):
            with open(path, "rb") as f:
                digest.update(f.read())
        hashed = f"{binary}-{digest.hexdigest()[:16]}"
        os.replace(js, os.path.join(staging, hashed + ".js"))
        os.replace(wasm, os.path.join(staging, hashed + "_bg.wasm"))
        found[binary] = {"js": f"./{hashed}.js", "wasm": f"./{hashed}_bg.wasm"}
    if not found:
        raise ValueError("no widget binary in the build (index.html's data-type=\"worker\" links)")
    return found


def loader(shell: dict, widgets: dict) -> str:
    return LOADER.replace("__SHELL__", json.dumps(shell)).replace(
        "__WIDGETS__", json.dumps(widgets, indent=2)
    )


def without_preloads(html: str, shell: dict) -> str:
    """index.html without Trunk's preload links for the shell's files."""
    for file in shell.values():
        link = re.compile(r'<link rel="(?:module)?preload" href="' + re.escape(file) + r'"[^>]*>')
        html = link.sub("", html)
    return html


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
    shell = shell_module(found.group(1))
    compact_binary(
        os.path.join(staging, os.path.basename(shell["js"])),
        os.path.join(staging, os.path.basename(shell["wasm"])),
    )
    widgets = widget_modules(staging, shell)
    with open(os.path.join(staging, "loader.js"), "w", encoding="utf-8") as f:
        f.write(loader(shell, widgets))
    html = inline.sub('<script type="module" src="./loader.js"></script>', html, count=1)
    html = without_preloads(html, shell)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}" />'
    html = html.replace("<head>", "<head>\n    " + meta, 1)
    with open(index, "w", encoding="utf-8") as f:
        f.write(html)
    # Before the worker, which lists the pages (not the PNGs) for offline use.
    add_pages(staging, site_url(os.environ.get(SITE_ENV, "")))
    add_service_worker(staging)
    return 0

if __name__ == "__main__":
    sys.exit(main())
