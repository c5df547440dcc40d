// Long runs: every widget's animation kept playing in headless Chromium for a
// given time, one widget after another, with the JS heap and the wasm memory
// read at the start and at the end (each after a forced garbage collection), and
// every animation frame's duration recorded in between. Prints a Markdown table
// on stdout and progress on stderr; exits 1 when a widget breaks a limit (memory
// growth of 5 MB or more, a frame longer than 50 ms, an animation that stalls,
// or a console error), 2 when it cannot measure.
//
//   node tests/browser/soak.mjs [dist]           (default dist/)
//   SOAK_MINUTES=0.5 node tests/browser/soak.mjs  (minutes per widget; default 10)
//   SOAK_WIDGETS=ring,cells node tests/browser/soak.mjs
//   SOAK_WARMUP_S=20      seconds each widget plays before the start reading
//   SOAK_JSON=file        also write every figure and sample as JSON
//
// `scripts/soak.sh` builds the app, runs this and writes the table into
// docs/benchmarks.md.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve, openPage, ready, CHROMIUM } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.resolve(process.argv[2] || process.env.SOAK_DIST || path.join(root, 'dist'));
if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error(`${dist}/index.html missing: run trunk build --release first`);
  process.exit(2);
}

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const WARMUP_S = Number(process.env.SOAK_WARMUP_S ?? 20);
if (!(MINUTES > 0) || !(WARMUP_S >= 0)) {
  console.error(`SOAK_MINUTES=${process.env.SOAK_MINUTES} / SOAK_WARMUP_S=${process.env.SOAK_WARMUP_S}: need a positive number of minutes`);
  process.exit(2);
}
const LIMIT = {
  growthBytes: 5e6, // JS heap and wasm memory each, start to end (MB = 1,000,000 bytes)
  frameMs: 50, // longest interval between two animation frames
  stillMs: 10000, // the longest the watched value may stay unchanged
};
const SAMPLE_MS = 30000; // a progress line (and a sample in the JSON) this often
const DRIVER_MS = 200; // the in-page driver's tick: restarts and the progress watch
const RING_STEP_MS = 1000; // the ring: one step of add / select / remove / shrink each

// Each widget: the page, an element that shows it has mounted, the value that
// moves while it animates (a CSS selector and a property or attribute), and the
// button that starts it again when its timeline has ended (it reads "Play" when
// stopped). The ring has no clock: the driver adds node N5 with "Add a node",
// selects and removes it, then sets the nodes slider back, so every cycle ends
// where it began and each of its three changes replays the moved keys' animation.
const WIDGETS = [
  {
    name: 'ring', query: '?view=ring', ready: '#ring-add',
    watch: { sel: '.change-label', prop: 'textContent' }, ring: true,
  },
  {
    name: 'quorum', query: '?view=quorum&play=1', ready: '#q-play',
    watch: { sel: '#q-t', prop: 'value' }, play: '#q-play',
  },
  {
    name: 'cache', query: '?view=cache&play=1', ready: '#cache-play',
    watch: { sel: '#cache-at', prop: 'value' }, play: '#cache-play',
  },
  {
    // The live clock is off by default, and `play` starts only a live clock.
    name: 'rate-limit', query: '?view=rate-limit&live=1&play=1', ready: '#rl-play',
    watch: { sel: '[data-metric="clock"]', attr: 'data-value' }, play: '#rl-play',
  },
  {
    name: 'cells', query: '?view=cells&fault=deploy&play=1', ready: '#cells-play',
    watch: { sel: '[data-metric="minute"]', attr: 'data-value' }, play: '#cells-play',
  },
];

const only = process.env.SOAK_WIDGETS ? process.env.SOAK_WIDGETS.split(',').map((w) => w.trim()) : null;
const widgets = only ? WIDGETS.filter((w) => only.includes(w.name)) : WIDGETS;
if (!widgets.length || (only && widgets.length < only.length)) {
  console.error(`SOAK_WIDGETS=${process.env.SOAK_WIDGETS}: name widgets among ${WIDGETS.map((w) => w.name).join(', ')}`);
  process.exit(2);
}

const log = (...a) => console.error(`soak: ${a.join(' ')}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mb = (b) => (b / 1e6).toFixed(2);
const signed = (b) => `${b >= 0 ? '+' : '−'}${mb(Math.abs(b))}`;

// Runs in the page before any of its scripts: keeps the wasm module's memory
// (from WebAssembly.instantiate*, and from Trunk's start event) and measures the
// interval between animation frames while `frames.on` is set, keeping only
// aggregates so the recorder itself does not grow.
function instrument() {
  const soak = { memory: null, frames: null, longTasks: null };
  window.__soak = soak;
  const keep = (r) => {
    try {
      const instance = r && (r.instance || r);
      const m = instance && instance.exports && instance.exports.memory;
      if (m instanceof WebAssembly.Memory) soak.memory = m;
    } catch { /* not ours */ }
    return r;
  };
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const orig = WebAssembly[name];
    if (typeof orig !== 'function') continue;
    WebAssembly[name] = function (...args) { return orig.apply(this, args).then(keep); };
  }
  addEventListener('TrunkApplicationStarted', (e) => {
    const m = e.detail && e.detail.wasm && e.detail.wasm.memory;
    if (m instanceof WebAssembly.Memory) soak.memory = m;
  });
  soak.reset = () => {
    soak.frames = { on: true, t0: performance.now(), last: 0, count: 0, max: 0, maxAt: 0, over20: 0, over33: 0, over50: 0, worst: [] };
    soak.longTasks = { count: 0, max: 0, total: 0 };
  };
  const tick = (ts) => {
    const f = soak.frames;
    if (f && f.on) {
      if (f.last) {
        const gap = ts - f.last;
        f.count++;
        if (gap > f.max) { f.max = gap; f.maxAt = f.last - f.t0; }
        if (gap > 20) f.over20++;
        if (gap > 33.4) f.over33++;
        if (gap > 50) {
          f.over50++;
          // With the driver's last action before it: what the page was doing.
          const a = soak.driver && soak.driver.last;
          f.worst.push([Math.round(gap * 10) / 10, Math.round((f.last - f.t0) / 100) / 10,
            a ? a.what : null, a ? Math.round(ts - a.at) : null]);
          f.worst.sort((a, b) => b[0] - a[0]);
          if (f.worst.length > 8) f.worst.length = 8;
        }
      }
      f.last = ts;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  try {
    new PerformanceObserver((list) => {
      const t = soak.longTasks;
      if (!t || !soak.frames || !soak.frames.on) return;
      for (const e of list.getEntries()) {
        t.count++;
        t.total += e.duration;
        if (e.duration > t.max) t.max = e.duration;
      }
    }).observe({ type: 'longtask' });
  } catch { /* no long-task timing */ }
}

// Runs in the page once it has mounted: keeps the animation going (the "Play"
// button clicked when the timeline has ended, or the ring's cycle of changes) and
// watches the value that moves with it.
function drive({ play, watch, ring, tickMs, ringMs }) {
  const read = () => {
    const el = document.querySelector(watch.sel);
    if (!el) return null;
    return watch.attr ? el.getAttribute(watch.attr) : String(el[watch.prop]);
  };
  const d = { last: null, restarts: 0, changes: 0, steps: 0, misses: 0, ticks: 0, animating: 0, value: read(), lastChange: performance.now(), longestStill: 0 };
  d.reset = () => {
    d.restarts = 0; d.changes = 0; d.steps = 0; d.misses = 0; d.ticks = 0; d.animating = 0;
    d.lastChange = performance.now(); d.longestStill = 0;
  };
  window.__soak.driver = d;
  setInterval(() => {
    const now = performance.now();
    if (play) {
      const b = document.querySelector(play);
      if (b && b.textContent.trim() === 'Play') { b.click(); d.restarts++; d.last = { what: 'restart', at: now }; }
    }
    const v = read();
    if (v !== d.value) { d.value = v; d.changes++; d.lastChange = now; }
    d.longestStill = Math.max(d.longestStill, now - d.lastChange);
  }, tickMs);
  if (!ring) return;
  const slider = document.querySelector('#ring-nodes');
  const base = Number(slider.value); // the new node's id once added
  let phase = 0;
  setInterval(() => {
    const el = (sel) => {
      const e = document.querySelector(sel);
      if (!e) d.misses++;
      return e;
    };
    // Whether the moved keys are still animating from the steps before.
    d.ticks++;
    if (document.getAnimations().some((a) => a.playState === 'running')) d.animating++;
    const p = phase;
    phase = (phase + 1) % 4;
    d.last = { what: ['add', 'select', 'remove', 'shrink'][p], at: performance.now() };
    if (p === 0) {
      const b = el('#ring-add');
      if (b) b.click();
    } else if (p === 1) {
      const s = el('#ring-node');
      if (s) { s.value = String(base); s.dispatchEvent(new Event('change', { bubbles: true })); }
    } else if (p === 2) {
      const b = el('#ring-remove');
      if (b) b.click();
    } else {
      const s = el('#ring-nodes');
      if (s) { s.value = String(base); s.dispatchEvent(new Event('input', { bubbles: true })); }
    }
    d.steps++;
  }, ringMs);
}

async function reading(page, cdp) {
  // Twice: the first pass can leave objects that only a second one frees.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const wasm = await page.evaluate(() => (window.__soak.memory ? window.__soak.memory.buffer.byteLength : null));
  return { heap: heap.usedSize, wasm, nodes: m.Nodes, listeners: m.JSEventListeners, t: Date.now() };
}

/// A light sample without garbage collection, for the progress line and the trend.
async function sample(page, cdp, t0) {
  const heap = await cdp.send('Runtime.getHeapUsage');
  const s = await page.evaluate(() => ({
    wasm: window.__soak.memory ? window.__soak.memory.buffer.byteLength : null,
    frames: window.__soak.frames.count,
    maxFrame: window.__soak.frames.max,
    over50: window.__soak.frames.over50,
    changes: window.__soak.driver.changes,
    restarts: window.__soak.driver.restarts,
    steps: window.__soak.driver.steps,
    value: window.__soak.driver.value,
  }));
  return { s: Math.round((Date.now() - t0) / 1000), heap: heap.usedSize, ...s };
}

/// Checks, before the driver touches anything, that the widget animates by
/// itself (for the ring: that a change starts the moved keys' animation).
async function checkAnimates(page, widget) {
  const read = (watch) => {
    const el = document.querySelector(watch.sel);
    if (!el) return null;
    return watch.attr ? el.getAttribute(watch.attr) : String(el[watch.prop]);
  };
  if (widget.play) {
    const before = await page.evaluate(read, widget.watch);
    const label = await page.$eval(widget.play, (b) => b.textContent.trim());
    if (label !== 'Pause') throw new Error(`${widget.name}: ${widget.play} reads "${label}" after load: the play option did not start it`);
    await page.waitForFunction(({ watch, before }) => {
      const el = document.querySelector(watch.sel);
      const v = el && (watch.attr ? el.getAttribute(watch.attr) : String(el[watch.prop]));
      return v !== null && v !== before;
    }, { watch: widget.watch, before }, { timeout: 10000, polling: 100 })
      .catch(() => { throw new Error(`${widget.name}: ${widget.watch.sel} stayed at ${before} for 10 s after load`); });
    return `plays by itself (${widget.watch.sel} moved from ${before})`;
  }
  return 'driven by its buttons: adding a node starts the moved keys\' animation';
}

async function soakWidget(browser, base, widget) {
  const { page, context, errors } = await openPage(browser, { width: 1280, height: 900 });
  try {
    await page.addInitScript(instrument);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${base}${widget.query}`);
    await ready(page);
    await page.waitForSelector(widget.ready, { timeout: 30000 });
    const check = await checkAnimates(page, widget);
    const ringBase = widget.ring ? await page.$eval('#ring-nodes', (e) => Number(e.value)) : 0;
    await page.evaluate(drive, {
      play: widget.play || null, watch: widget.watch, ring: Boolean(widget.ring), tickMs: DRIVER_MS, ringMs: RING_STEP_MS,
    });
    if (widget.ring) {
      // The driver's first "Add a node" must redraw the ring with its moved keys
      // animating from the start.
      await page.waitForFunction((id) => document.querySelector('.change-label').textContent.includes(`N${id} joined`)
        && document.querySelectorAll('svg.ring .moved-dot').length > 0
        && document.getAnimations().some((a) => a.playState === 'running' && a.currentTime < 1000),
      ringBase, { timeout: 10000, polling: 50 })
        .catch(() => { throw new Error('ring: adding a node did not start the moved keys\' animation'); });
    }
    const hasWasm = await page.evaluate(() => window.__soak.memory !== null);
    if (!hasWasm) throw new Error(`${widget.name}: the wasm module's memory was not found`);
    log(`${widget.name}: ${check}; warming up ${WARMUP_S} s`);
    await sleep(WARMUP_S * 1000);

    const start = await reading(page, cdp);
    const load0 = os.loadavg()[0];
    await page.evaluate(() => { window.__soak.reset(); window.__soak.driver.reset(); });
    const t0 = Date.now();
    const end0 = t0 + MINUTES * 60000;
    const samples = [];
    while (Date.now() < end0) {
      await sleep(Math.min(SAMPLE_MS, end0 - Date.now()));
      const s = await sample(page, cdp, t0);
      samples.push(s);
      log(`${widget.name}: ${s.s} s, load ${os.loadavg()[0].toFixed(1)}, heap ${mb(s.heap)} MB, wasm ${mb(s.wasm)} MB, frames ${s.frames} (longest ${s.maxFrame.toFixed(1)} ms, ${s.over50} over ${LIMIT.frameMs}), `
        + `${widget.ring ? `${s.steps} steps` : `${s.restarts} restarts`}, watched value changed ${s.changes} times`);
    }
    const played = await page.evaluate(() => {
      const s = window.__soak;
      s.frames.on = false;
      const { reset, ...driver } = s.driver;
      return { frames: { ...s.frames }, longTasks: { ...s.longTasks }, driver, ms: performance.now() - s.frames.t0 };
    });
    const end = await reading(page, cdp);
    const r = {
      widget: widget.name, query: widget.query, check, minutes: played.ms / 60000,
      start, end, frames: played.frames, longTasks: played.longTasks, driver: played.driver,
      errors: [...errors], samples, load: [load0, os.loadavg()[0]],
    };
    r.heapGrowth = end.heap - start.heap;
    r.wasmGrowth = end.wasm - start.wasm;
    r.failures = [];
    if (r.heapGrowth >= LIMIT.growthBytes) r.failures.push(`JS heap grew ${mb(r.heapGrowth)} MB`);
    if (r.wasmGrowth >= LIMIT.growthBytes) r.failures.push(`wasm memory grew ${mb(r.wasmGrowth)} MB`);
    if (r.frames.max > LIMIT.frameMs) r.failures.push(`${r.frames.over50} frames over ${LIMIT.frameMs} ms`);
    if (r.driver.longestStill > LIMIT.stillMs) r.failures.push(`the animation stood still ${(r.driver.longestStill / 1000).toFixed(1)} s`);
    if (widget.ring && r.driver.misses) r.failures.push(`${r.driver.misses} ring steps found no control`);
    if (r.errors.length) r.failures.push(`${r.errors.length} console errors (first: ${r.errors[0]})`);
    log(`${widget.name}: ${r.failures.length ? `FAIL: ${r.failures.join('; ')}` : 'pass'}`);
    return r;
  } finally {
    await context.close();
  }
}

function markdown(results) {
  const out = [];
  out.push(`| widget | minutes | JS heap start → end MB | JS heap growth MB | wasm memory start → end MB | wasm growth MB | DOM nodes start → end | frames | longest frame ms | frames > ${LIMIT.frameMs} ms | result |`);
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of results) {
    out.push(`| ${r.widget} (\`${r.query}\`) | ${r.minutes.toFixed(1)} | ${mb(r.start.heap)} → ${mb(r.end.heap)} | ${signed(r.heapGrowth)} | `
      + `${mb(r.start.wasm)} → ${mb(r.end.wasm)} | ${signed(r.wasmGrowth)} | ${r.start.nodes} → ${r.end.nodes} | ${r.frames.count.toLocaleString('en-US')} | `
      + `${r.frames.max.toFixed(1)} | ${r.frames.over50} | ${r.failures.length ? `**fail**: ${r.failures.join('; ')}` : 'pass'} |`);
  }
  out.push('');
  const kept = results.map((r) => (r.widget === 'ring'
    ? `ring ${r.driver.steps} steps (${Math.floor(r.driver.steps / 4)} add/remove cycles, the moved keys animating at ${Math.round(100 * r.driver.animating / Math.max(1, r.driver.ticks))}% of the steps)`
    : `${r.widget} ${r.driver.restarts} restarts`));
  out.push(`Kept playing: ${kept.join(', ')}; the watched value never stood still longer than `
    + `${(Math.max(...results.map((r) => r.driver.longestStill)) / 1000).toFixed(1)} s (limit ${LIMIT.stillMs / 1000} s).`);
  const after = (what, since) => (what === null ? '' : ` (${since} ms after ${what === 'restart' ? 'a restart' : `a ring step "${what}"`})`);
  const worst = results.filter((r) => r.frames.over50).map((r) => `${r.widget}: ${r.frames.worst.map(([ms, at, what, since]) => `${ms.toFixed(0)} ms at ${at.toFixed(0)} s${after(what, since)}`).join(', ')}`);
  if (worst.length) out.push('', `Frames over ${LIMIT.frameMs} ms (the longest eight, each with the time since the start reading and since the driver's last action): ${worst.join('; ')}.`);
  const tasks = results.map((r) => `${r.widget} ${r.longTasks.count}${r.longTasks.count ? ` (longest ${r.longTasks.max.toFixed(0)} ms)` : ''}`);
  out.push('', `Main-thread tasks over 50 ms while measuring: ${tasks.join(', ')}.`);
  const load = results.map((r) => `${r.widget} ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)}`);
  out.push('', `Load average (one minute) at the start and end of each widget's run, on ${os.cpus().length} cores: ${load.join(', ')}.`);
  return out.join('\n');
}

const server = await serve(dist, '/dials/');
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  // harness.mjs's launch() arguments, plus: keep timers and frames at full rate
  // however the window is treated, and precise performance.memory figures.
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    '--enable-precise-memory-info', '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'],
});
const results = [];
let broken = null;
try {
  for (const widget of widgets) {
    log(`${widget.name}: ${widget.query}, ${MINUTES} min`);
    results.push(await soakWidget(browser, server.base, widget));
  }
} catch (e) {
  broken = e;
} finally {
  await browser.close();
  server.close();
}
if (process.env.SOAK_JSON) {
  fs.writeFileSync(process.env.SOAK_JSON, `${JSON.stringify({ minutes: MINUTES, warmupS: WARMUP_S, limit: LIMIT, results }, null, 1)}\n`);
}
if (broken) {
  console.error(`soak: could not measure: ${broken.stack || broken}`);
  process.exit(2);
}
console.log(markdown(results));
process.exit(results.some((r) => r.failures.length) ? 1 : 0);
