// Benchmarks of the rate-limiter widget in headless Chromium against a release
// build: the work each slider input causes and the frames dropped while a
// slider is dragged, at the default stream and at the largest the widget
// allows (a million requests). Prints Markdown on stdout. Reports figures
// only: it never fails on a time.
//
//   node tests/browser/bench-rate.mjs [dist]     (default target/bench-dist)
//
// `scripts/bench.sh` builds the folder and runs this.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, openPage, ready } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.resolve(process.argv[2] || path.join(root, 'target', 'bench-dist'));
if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error(`${dist}/index.html missing`);
  process.exit(2);
}

const DROP_MS = 20;
const INPUTS = 20;
const WARMUP = 2;
const FRAMES = 60;

// Log-scale slider positions are round(100 · log10(value)) (src/ui/slider.rs).
const SETTINGS = [
  { name: 'defaults', label: 'on/off bursts at 30/s for 10 s (about 110 requests), 10 per second', query: '?view=rate-limit',
    cycles: { 'rl-limit': [100, 105], 'rl-window': [300, 305], 'rl-burst': [100, 105], 'rl-rate': [148, 150], 'rl-dur': [100, 95] } },
  { name: 'largest', label: 'Poisson at 100,000/s for 10 s (1,000,000 requests), 50,000 per second', query: '?view=rate-limit&traffic=poisson&rate=100000&dur=10&limit=50000&window=1000&burst=50000',
    cycles: { 'rl-limit': [470, 465], 'rl-window': [300, 305], 'rl-burst': [470, 465], 'rl-rate': [500, 495], 'rl-dur': [100, 95] } },
];
const WHAT = {
  'rl-limit': 'the limit: all six rerun',
  'rl-window': 'the window: all six rerun',
  'rl-burst': 'the burst: all six rerun',
  'rl-rate': 'the arrival rate: a new stream, all six rerun',
  'rl-dur': 'the stream length: a new stream, all six rerun',
};

const fmt = (n, d = 1) => n.toFixed(d);
const percentile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.max(0, Math.ceil(q * s.length) - 1)]; };

function measureInputs(page, id, cycle) {
  return page.evaluate(async ({ id, cycle, inputs, warmup }) => {
    const el = document.getElementById(id);
    const channel = new MessageChannel();
    const roundTrip = () => new Promise((resolve) => {
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });
    const times = [];
    for (let i = 0; i < warmup + inputs; i++) {
      const t0 = performance.now();
      el.value = String(cycle[(i + 1) % cycle.length]);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      await roundTrip();
      void document.body.offsetHeight;
      const t1 = performance.now();
      if (i >= warmup) times.push(t1 - t0);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
    channel.port1.close();
    return times;
  }, { id, cycle, inputs: INPUTS, warmup: WARMUP });
}

function measureDrag(page, id, cycle) {
  return page.evaluate(({ id, cycle, frames }) => new Promise((resolve) => {
    const el = document.getElementById(id);
    const stamps = [];
    let i = 0;
    const frame = (ts) => {
      stamps.push(ts);
      if (i === frames) {
        resolve(stamps.slice(1).map((t, k) => t - stamps[k]));
        return;
      }
      el.value = String(cycle[(i + 1) % cycle.length]);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      i++;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }), { id, cycle, frames: FRAMES });
}

/// After the last input of a drag: the time until the figures have caught up
/// ("Updating…" gone), or null when they never lagged (ordinary streams).
function measureSettle(page, id, pos) {
  return page.evaluate(({ id, pos }) => new Promise((resolve) => {
    const el = document.getElementById(id);
    const u = document.getElementById('rl-updating');
    const t0 = performance.now();
    el.value = String(pos);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    let seen = false;
    const poll = () => {
      if (u.textContent.includes('Updating')) seen = true;
      else if (seen) { resolve(performance.now() - t0); return; }
      if (!seen && performance.now() - t0 > 400) { resolve(null); return; }
      requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  }), { id, pos });
}

const server = await serve(dist, '/dials/');
const browser = await launch();
const rows = [];
try {
  for (const s of SETTINGS) {
    console.error(`bench: rate limit, ${s.name}`);
    const { page, context } = await openPage(browser, { width: 1280, height: 900 });
    await page.goto(`${server.base}${s.query}`);
    await ready(page);
    await page.waitForSelector('[data-metric="accepted-token"]');
    for (const [id, cycle] of Object.entries(s.cycles)) {
      const times = await measureInputs(page, id, cycle);
      const drag = await measureDrag(page, id, cycle);
      await page.waitForTimeout(600); // the drag's own recomputation, if any
      const settle = await measureSettle(page, id, cycle[1]);
      rows.push(`| ${s.name} | \`${id}\` | ${WHAT[id]} | ${fmt(percentile(times, 0.5))} | ${fmt(percentile(times, 0.95))} | ${drag.filter((f) => f > DROP_MS).length} of ${drag.length} | ${fmt(Math.max(...drag))} | ${settle === null ? 'at once' : fmt(settle)} |`);
      await page.waitForTimeout(300);
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
const out = ['## Rate limiters', ''];
out.push(`Work per input (the input's task and what it schedules, up to style and layout; ${INPUTS} inputs after ${WARMUP} warm-up, one per frame) and a drag `
  + `(${FRAMES} inputs, one per animation frame; a frame over ${DROP_MS} ms counts as dropped). The lanes canvas redraws in the frame after an input, which the drag includes.`, '');
out.push('Past 100,000 requests the widget recomputes only once the controls have been still for 150 ms (showing "Updating…" meanwhile): '
  + 'for those, "settled" is the time from the last input until the figures are up to date, the 150 ms included.', '');
out.push('| setting | slider | what it reruns | p50 ms | p95 ms | frames over 20 ms | longest frame ms | settled ms |');
out.push('|---|---|---|---:|---:|---:|---:|---:|');
out.push(...rows);
out.push('', ...SETTINGS.map((s) => `- ${s.name}: ${s.label}.`));
console.log(out.join('\n'));
