// Lighthouse's mobile performance of every embed page, served compressed
// (brotli) as a static host or CDN would, driven in the Chromium the tests use.
// Prints a Markdown table; nothing here fails because a score is low.
//
//   node tests/lighthouse/run.mjs            (after `trunk build --release`)
//   DIST=other RUNS=3 node tests/lighthouse/run.mjs
//
// Each page is measured RUNS times (default 3) and the median run reported:
// scores move by a few points between runs on a busy machine.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import { serveCompressed } from '../browser/harness.mjs';
import * as chromeLauncher from 'chrome-launcher';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.resolve(process.env.DIST || path.join(root, 'dist'));
const runs = Number(process.env.RUNS || 3);
const only = process.env.ONLY || '';

/// The pages: every widget's whole embed, and each ring scene's embed.
const PAGES = [
  'view=ring&embed=1',
  'view=ring&scene=node-joins&embed=1',
  'view=ring&scene=bounded-loads&embed=1',
  'view=quorum&embed=1',
  'view=cache&embed=1',
  'view=rate-limit&embed=1',
  'view=cells&embed=1',
  'view=queue&embed=1',
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
