// What a post with 1, 3 or 5 Dials scenes costs its reader on a phone-like
// connection: the bytes downloaded before anyone touches an embed, the time
// until the first embed answers, and the host page's layout shift. Two
// snippets: the <dials-embed> element as the share panel writes it (a
// picture until the scene nears the screen, then one scene at a time), with
// its script deferred or loaded just before it, and plain iframes
// (loading="lazy", the 560 px the share panel used to reserve). Prints
// Markdown; fails on nothing.
//
//   node tests/browser/bench-embeds.mjs [dist]     (after trunk build --release)
//
// The app and the host page (another origin) are served brotli-compressed.
// Throttled as Lighthouse's mobile preset: 150 ms round trip, 1.6 Mbps down,
// 750 kbps up, the CPU four times slower, in a 412×823 viewport. The iframes
// run in the page's process (site isolation off), so the throttling covers
// them too. Each case runs RUNS times (default 3); medians are reported.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, serveCompressed } from './harness.mjs';
import { readTable } from './hosts.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.argv[2] || path.join(here, '../../dist'));
const runs = Number(process.env.RUNS || 3);
const SCENES = ['ring/virtual-nodes', 'quorum/replica-down', 'cache/opt', 'rate-limit/the-window-edge', 'cells/ten-cells'];
const PARAGRAPH = '<p>A paragraph of the post around the figures, long enough to wrap over several lines on a phone, as prose between two figures does. '.repeat(3) + '</p>';

/// The scenes' heights at 700 px, as the share panel writes them into a snippet.
const table = readTable(fs.readFileSync(path.join(dist, 'embed.js'), 'utf8'));
const at700 = (key) => table[key].find((p) => Array.isArray(p) && p[0] === 700)[1];

/// A post: `element` is the share panel's snippet (the element holding the
/// height for a 700 px column, the script deferred at the end); `early` the
/// same with the script, not deferred, just before the first element;
/// `iframe` the old plain iframes.
function post(app, n, form) {
  const script = `<script src="${app}embed.js"${form === 'early' ? '' : ' defer'}></script>`;
  const embeds = SCENES.slice(0, n).map((key, i) => {
    const [view, scene] = key.split('/');
    const figure = form === 'iframe'
      ? `<iframe id="e${i}" src="${app}?view=${view}&amp;scene=${scene}&amp;embed=1" title="Dials" width="100%" height="560" style="border:0" loading="lazy" data-dials></iframe>`
      : `${form === 'early' && i === 0 ? script : ''}<dials-embed id="e${i}" scene="${key}" style="display:block;height:${at700(key)}px"></dials-embed>`;
    return `<h2>Part ${i + 1}</h2>${PARAGRAPH}\n${figure}\n${PARAGRAPH}`;
  }).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A post</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/site.css"></head><body>
<h1>A post with ${n} figure${n > 1 ? 's' : ''}</h1>${embeds}
${form === 'early' ? '' : script}<script src="/site.js" defer></script></body></html>`;
}

/// The host: site.css and site.js from hosts/, and the generated posts, brotli-compressed.
function serveHost(app) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const m = /^\/post-(\d)-(element|early|iframe)\.html$/.exec(url.pathname);
    let body;
    let type = 'text/html; charset=utf-8';
    if (m) body = post(app, Number(m[1]), m[2]);
    else if (url.pathname === '/site.css' || url.pathname === '/site.js') {
      body = fs.readFileSync(path.join(here, 'hosts', url.pathname.slice(1)), 'utf8');
      type = url.pathname.endsWith('.css') ? 'text/css' : 'text/javascript';
    } else { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': type, 'content-encoding': 'br' });
    res.end(zlib.brotliCompressSync(Buffer.from(body)));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.2', () => {
    resolve({ base: `http://127.0.0.2:${server.address().port}/`, close: () => server.close() });
  }));
}

async function measure(browser, url) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: (1.6e6) / 8, uploadThroughput: 750e3 / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  let bytes = 0;
  let last = Date.now();
  const wasm = new Set();
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; last = Date.now(); });
  cdp.on('Network.requestWillBeSent', (e) => { last = Date.now(); if (e.request.url.endsWith('.wasm')) wasm.add(e.request.url); });
  await page.goto(url, { waitUntil: 'load', timeout: 120000 });
  // The first embed on screen answers by itself (the element loads it, the iframe too).
  await page.waitForFunction(() => window.__ready.length >= 1, null, { timeout: 120000, polling: 100 });
  const first = await page.evaluate(() => window.__ready[0].at);
  // Then nothing more arrives for three seconds: what the reader has downloaded untouched.
  while (Date.now() - last < 3000) await page.waitForTimeout(250);
  const shift = await page.evaluate(() => window.__shifts);
  await context.close();
  return { first, bytes, shift, binaries: wasm.size };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const app = await serveCompressed(dist, '/dials/');
const host = await serveHost(app.base);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    '--disable-site-isolation-trials', '--disable-features=IsolateOrigins,site-per-process'],
});
const rows = [];
try {
  for (const n of [1, 3, 5]) {
    for (const form of ['element', 'early', 'iframe']) {
      const results = [];
      for (let i = 0; i < runs; i++) results.push(await measure(browser, `${host.base}post-${n}-${form}.html`));
      const row = {
        n, form,
        first: median(results.map((r) => r.first)),
        bytes: median(results.map((r) => r.bytes)),
        shift: median(results.map((r) => r.shift)),
        binaries: median(results.map((r) => r.binaries)),
      };
      rows.push(row);
      process.stderr.write(`${n} ${form}: ${JSON.stringify(results)}\n`);
    }
  }
} finally {
  await browser.close();
  app.close();
  host.close();
}

console.log('| embeds | snippet | downloaded before any touch (brotli) | binaries | first embed answers | layout shift |');
console.log('|---:|---|---:|---:|---:|---:|');
for (const r of rows) {
  const snippet = { element: '`<dials-embed>`, script deferred', early: '`<dials-embed>`, script before it', iframe: 'plain `<iframe loading="lazy">`' }[r.form];
  console.log(`| ${r.n} | ${snippet} | ${(r.bytes / 1024).toFixed(1)} KB | ${r.binaries} | ${(r.first / 1000).toFixed(1)} s | ${r.shift.toFixed(3)} |`);
}
