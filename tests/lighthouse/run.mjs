// Lighthouse's mobile performance of every embed page, served compressed
// (brotli) as a static host or CDN would, driven in the Chromium the tests use.
// Prints a Markdown table; nothing here fails because a score is low.
//
//   node tests/lighthouse/run.mjs            (after `trunk build --release`)
//   DIST=other RUNS=3 node tests/lighthouse/run.mjs
//
// Each page is measured RUNS times (default 3) and the median run reported:
// scores move by a few points between runs on a busy machine.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.resolve(process.env.DIST || path.join(root, 'dist'));
const runs = Number(process.env.RUNS || 3);
const only = process.env.ONLY || '';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png',
};

/// Serves `dir` under `prefix`, brotli-compressed for clients that accept it
/// (every file compressed once, at the highest quality, as a host would store it).
function serveCompressed(dir, prefix) {
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

/// The pages: every widget's whole embed, and each ring scene's embed.
const PAGES = [
  'view=ring&embed=1',
  'view=ring&scene=node-joins&embed=1',
  'view=ring&scene=bounded-loads&embed=1',
  'view=quorum&embed=1',
  'view=cache&embed=1',
  'view=rate-limit&embed=1',
  'view=cells&embed=1',
].filter((p) => p.includes(only));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await serveCompressed(dist, '/dials/');
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const rows = [];
try {
  for (const page of PAGES) {
    const results = [];
    for (let i = 0; i < runs; i++) {
      const r = await lighthouse(`${server.base}?${page}`, {
        port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'],
      });
      const a = r.lhr.audits;
      results.push({
        score: Math.round(r.lhr.categories.performance.score * 100),
        fcp: a['first-contentful-paint'].numericValue,
        lcp: a['largest-contentful-paint'].numericValue,
        tbt: a['total-blocking-time'].numericValue,
        cls: a['cumulative-layout-shift'].numericValue,
        si: a['speed-index'].numericValue,
        bytes: a['total-byte-weight'].numericValue,
      });
    }
    const m = results.find((r) => r.score === median(results.map((x) => x.score)));
    rows.push({ page, scores: results.map((r) => r.score), ...m });
    process.stderr.write(`${page}: ${results.map((r) => r.score).join(', ')}\n`);
  }
} finally {
  await chrome.kill();
  server.close();
}

const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
console.log('| page | score (median of runs) | runs | FCP | LCP | TBT | CLS | speed index | bytes (brotli) |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| \`?${r.page}\` | ${r.score} | ${r.scores.join(', ')} | ${s(r.fcp)} | ${s(r.lcp)} | ${Math.round(r.tbt)} ms | ${r.cls.toFixed(3)} | ${s(r.si)} | ${(r.bytes / 1024).toFixed(1)} KB |`);
}
