// Benchmarks of the cache widget in headless Chromium against a release build:
// the time until the hit-ratio curve is finished and the frames dropped while it
// computes (compare mode works in slices across frames), the work each slider
// input causes, and the work of a step in step mode. Prints Markdown on stdout.
// Reports figures only: it never fails on a time.
//
//   node tests/browser/bench-cache.mjs [dist]     (default target/bench-dist)
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

const DROP_MS = 20; // a frame interval above this counts as dropped
const RERUNS = 3; // curve recomputations timed per setting
const INPUTS = 20; // measured inputs per slider
const WARMUP = 2;

const SETTINGS = [
  { name: 'defaults', label: 'Zipf α = 1, 100,000 requests over 10,000 keys, 9 policies', query: '?view=cache&mode=compare&work=zipf&alpha=1&keys=10000&reqs=100000&cap=100', caps: [100, 200] },
  { name: 'largest', label: 'Zipf α = 1, 1,000,000 requests over 100,000 keys, 9 policies', query: '?view=cache&mode=compare&work=zipf&alpha=1&keys=100000&reqs=1000000&cap=1000', caps: [1000, 2000] },
];
// Slider position for a value on the widget's log scale (src/ui/slider.rs).
const logPos = (v) => Math.round(100 * Math.log10(v));
const SLIDERS = [
  { id: 'cache-cap', what: 'cache size: every run restarts', cycle: (s) => s.caps.map(logPos) },
  { id: 'cache-rate', what: 'request rate: the table only', cycle: () => [300, 310] },
  { id: 'cache-alpha', what: 'Zipf α: new trace (past 200,000 requests once the slider is still), every run restarts', cycle: () => [1, 0.95] },
];

const fmt = (n, d = 1) => n.toFixed(d);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const percentile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.max(0, Math.ceil(q * s.length) - 1)]; };

function allDone(page, timeout = 120000) {
  return page.waitForFunction(() => {
    const o = document.querySelector('[data-metric="jobs-done"]');
    return o && Number(o.dataset.total) > 0 && o.dataset.value === o.dataset.total;
  }, null, { timeout, polling: 100 });
}

/// One input that restarts the runs; resolves with the time until the last run
/// is done and every frame interval in between.
function timeCurve(page, id, pos) {
  return page.evaluate(({ id, pos }) => new Promise((resolve) => {
    const el = document.getElementById(id);
    const out = document.querySelector('[data-metric="jobs-done"]');
    const stamps = [];
    const t0 = performance.now();
    el.value = String(pos);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    const frame = (ts) => {
      stamps.push(ts);
      const done = out.dataset.value === out.dataset.total && Number(out.dataset.total) > 0;
      if (done && stamps.length > 2) {
        resolve({ ms: performance.now() - t0, runs: Number(out.dataset.total), frames: stamps.slice(1).map((t, k) => t - stamps[k]) });
      } else {
        requestAnimationFrame(frame);
      }
    };
    requestAnimationFrame(frame);
  }), { id, pos });
}

/// Work per input as in bench.mjs: the input's task and everything it schedules.
function measureInputs(page, id, cycle, inputs = INPUTS) {
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
      await new Promise((r) => setTimeout(r, 30));
    }
    channel.port1.close();
    return times;
  }, { id, cycle, inputs, warmup: WARMUP });
}

const server = await serve(dist, '/dials/');
const browser = await launch();
const out = ['## Cache eviction', ''];
try {
  const curveRows = [];
  const inputRows = [];
  for (const s of SETTINGS) {
    console.error(`bench: cache, ${s.name}`);
    const { page, context } = await openPage(browser, { width: 1280, height: 900 });
    const t0 = Date.now();
    await page.goto(`${server.base}${s.query}`);
    await ready(page);
    await allDone(page);
    const first = Date.now() - t0;
    const reruns = [];
    for (let i = 0; i < RERUNS; i++) {
      reruns.push(await timeCurve(page, 'cache-cap', logPos(s.caps[(i + 1) % 2])));
      await page.waitForTimeout(300);
    }
    const frames = reruns.flatMap((r) => r.frames);
    curveRows.push(`| ${s.name} | ${reruns[0].runs} | ${fmt(first / 1000, 2)} | ${fmt(median(reruns.map((r) => r.ms)) / 1000, 2)} | ${frames.filter((f) => f > DROP_MS).length} of ${frames.length} | ${fmt(Math.max(...frames))} |`);
    for (const sl of SLIDERS) {
      const cycle = sl.cycle(s);
      const times = await measureInputs(page, sl.id, cycle);
      inputRows.push(`| ${s.name} | \`${sl.id}\` | ${sl.what} | ${fmt(median(times))} | ${fmt(percentile(times, 0.95))} |`);
      await allDone(page);
    }
    await context.close();
  }
  // Step mode at its largest: 200 requests, 16 slots, ARC beside S3-FIFO.
  console.error('bench: cache, step mode');
  const seq = Array.from({ length: 200 }, (_, i) => `k${(i * 7919) % 37}`).join('%20');
  const { page, context } = await openPage(browser, { width: 1280, height: 900 });
  await page.goto(`${server.base}?view=cache&seq=${seq}&slots=16&left=arc&right=s3fifo&at=100`);
  await ready(page);
  await page.waitForSelector('#lanes-right .cache-lane');
  const scrub = await measureInputs(page, 'cache-at', [100, 101, 102, 101]);
  const jump = await measureInputs(page, 'cache-at', [0, 200]);
  await context.close();

  out.push('Compare mode computes every (policy, cache size) run in slices of about 8 ms, one slice per task, so the page keeps drawing while a curve fills in. '
    + '"first curve" is from navigation to the last run done (it includes loading the app and generating the trace); "recompute" is from one cache-size input to the last run done, '
    + `median of ${RERUNS}; the frames are every animation frame during those recomputations (a frame over ${DROP_MS} ms counts as dropped).`, '');
  out.push('| setting | runs | first curve s | recompute s | frames over 20 ms | longest frame ms |');
  out.push('|---|---:|---:|---:|---:|---:|');
  out.push(...curveRows);
  out.push('', ...SETTINGS.map((s) => `- ${s.name}: ${s.label}.`));
  out.push('', `Work per input (the input's task and what it schedules, up to style and layout; ${INPUTS} inputs after ${WARMUP} warm-up), while the runs restart in the background:`, '');
  out.push('| setting | slider | what it reruns | p50 ms | p95 ms |');
  out.push('|---|---|---|---:|---:|');
  out.push(...inputRows);
  out.push('', 'Step mode at its largest (200 requests, 16 slots, ARC beside S3-FIFO): moving the request scrubber one step costs '
    + `${fmt(median(scrub))} ms (p95 ${fmt(percentile(scrub, 0.95))} ms); jumping between the first and the last request ${fmt(median(jump))} ms (p95 ${fmt(percentile(jump, 0.95))} ms).`);
} finally {
  await browser.close();
  server.close();
}
console.log(out.join('\n'));
