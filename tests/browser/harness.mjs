// Shared pieces of the browser tests and benchmarks: a plain static file server
// (the same kind a reader would use, no rewrite rules), Debian's Chromium driven
// by playwright-core, and a tiny test runner.

import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png',
};

/// Serves `dir` under `prefix` (e.g. "/dials/") on 127.0.0.1, like any static host:
/// files only, `index.html` for a folder, 404 otherwise.
export function serve(dir, prefix = '/') {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let p = decodeURIComponent(url.pathname);
    if (!p.startsWith(prefix)) { res.writeHead(404); res.end('not found'); return; }
    p = p.slice(prefix.length);
    let file = path.join(dir, p);
    if (!file.startsWith(path.resolve(dir))) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404); res.end('not found'); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    resolve({ base: `http://127.0.0.1:${port}${prefix}`, close: () => server.close() });
  }));
}

/// Serves `dir` under `prefix`, brotli-compressed for clients that accept it
/// (every file compressed once, at the highest quality, as a host would store it).
export function serveCompressed(dir, prefix) {
  // Compressed before the server starts, as a host serves stored files: the
  // first request must not wait for the compressor.
  const cache = new Map();
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
  for (const file of walk(dir)) {
    cache.set(file, zlib.brotliCompressSync(fs.readFileSync(file), {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 },
    }));
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let p = decodeURIComponent(url.pathname);
    if (!p.startsWith(prefix)) { res.writeHead(404); res.end(); return; }
    let file = path.join(dir, p.slice(prefix.length));
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    const type = TYPES[path.extname(file)] || 'application/octet-stream';
    const br = /\bbr\b/.test(req.headers['accept-encoding'] || '');
    if (!br) {
      res.writeHead(200, { 'content-type': type });
      fs.createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(200, { 'content-type': type, 'content-encoding': 'br', vary: 'accept-encoding' });
    res.end(cache.get(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ base: `http://127.0.0.1:${server.address().port}${prefix}`, close: () => server.close() });
  }));
}

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/// Opens a page that records console errors, page errors and every request's host.
export async function openPage(browser, opts = {}) {
  const context = await browser.newContext({
    viewport: { width: opts.width || 1280, height: opts.height || 900 },
    colorScheme: opts.colorScheme || 'light',
    reducedMotion: opts.reducedMotion || 'no-preference',
    // Only for injecting the axe checker, which the page's own policy forbids.
    bypassCSP: Boolean(opts.bypassCSP),
    // 'block' where a test rewrites a file, which a service worker would answer instead.
    serviceWorkers: opts.serviceWorkers || 'allow',
  });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  return { page, context, errors, requests };
}

/// Waits until the app has mounted (the header is in the DOM).
export async function ready(page) {
  await page.waitForSelector('.site-header', { timeout: 20000 });
}

/// Reads every `data-metric` readout on the page as { name: value }.
export function metrics(page) {
  return page.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll('[data-metric]')].map((e) => [e.dataset.metric, e.dataset.value]),
  ));
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/// Runs named async tests in order, printing one line each and a closing
/// "N passed, N failed" line; exits non-zero on any failure.
export async function run(tests) {
  let passed = 0; let failed = 0;
  const only = process.env.ONLY;
  for (const [name, fn] of tests) {
    if (only && !name.includes(only)) continue;
    const t0 = Date.now();
    try {
      await fn();
      passed++;
      console.log(`ok - ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`not ok - ${name}\n  ${String(e && e.stack || e).split('\n').join('\n  ')}`);
    }
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  return failed === 0;
}
