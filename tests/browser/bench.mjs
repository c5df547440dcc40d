// Benchmarks of the built app: bundle size, then, in headless Chromium, the work
// each slider input causes, dropped frames during a drag, and, for the ring, the
// cost of the delayed strategy comparison; for the quorum widget, the sliders
// that recompute the staleness-over-time chart. Prints Markdown on stdout: the
// ring's sections, then the quorum widget's after a `<!-- part: quorum -->` line
// and its targets after `<!-- part: quorum-targets -->` (scripts/bench.sh splits
// there). Reports figures only: it never fails on a time (it exits non-zero only
// when it cannot measure).
//
//   node tests/browser/bench.mjs [dist]          (default target/bench-dist)
//   ONLY=sizes node tests/browser/bench.mjs      (just the bundle size)
//   WIDGETS=quorum node tests/browser/bench.mjs  (one widget; default ring,quorum)
//
// `scripts/bench.sh` builds the folder and runs this.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { serve, launch, openPage, ready } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.resolve(process.argv[2] || path.join(root, 'target', 'bench-dist'));
if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error(`${dist}/index.html missing: run trunk build --release --dist ${path.relative(root, dist)} first`);
  process.exit(2);
}

const TARGET = {
  bundleBrotli: 160 * 1024, // wasm + JS one page loads, bytes
  p95Defaults: 8, // ms
  p95Max: 16, // ms
  droppedFrames: 0,
};
const DROP_MS = 20; // a frame interval above this counts as dropped
const INPUTS = 60; // measured inputs per slider per setting
const WARMUP = 4; // unmeasured inputs first (INPUTS + WARMUP is a multiple of 4: ends where it began)
const FRAMES = 120; // animation frames per drag
const SETTLE_MS = 600; // pause between sliders, after the delayed comparison has run
const COMPARE_DELAY_MS = 250; // the widget's debounce before it reruns the comparison

const CHART_TARGET_MS = 16; // the quorum chart: recomputed within this of a slider change
const CHART_INPUTS = 30; // measured inputs per slider for "to chart drawn"
const CHART_DELAY_MS = 150; // the quorum chart follows the controls once still this long

const SETTINGS = [
  { name: 'defaults', query: '?view=ring', label: '5 nodes, 8 vnodes, 2,000 keys', target: TARGET.p95Defaults },
  { name: 'maximum', query: '?view=ring&nodes=100&vnodes=1000&keys=100000&change=nodes:99', label: '100 nodes, 1,000 vnodes, 100,000 keys', target: TARGET.p95Max },
];

// Each slider's input position -> the state value it sets (mirrors src/ui/slider.rs and
// the widget's setters), so the benchmark only uses positions that really change state.
const logValue = (max) => (p) => Math.min(max, Math.max(1, Math.round(10 ** (p / 100))));
const SLIDERS = [
  { id: 'ring-nodes', value: (p) => p },
  { id: 'ring-vnodes', value: logValue(1000) },
  { id: 'ring-keys', value: logValue(100000) },
  { id: 'ring-rf', value: (p) => p },
  { id: 'ring-key', value: (p, keys) => Math.min(p, keys - 1) },
  { id: 'ring-eps', value: (p) => p },
];

// The quorum widget: every slider alternates between two fixed positions per
// setting (the first is where the slider starts, when it starts on one), each
// changing the state. Log-scale positions are round(100 · log10(value)).
const Q_SETTINGS = [
  { name: 'defaults', query: '?view=quorum', label: 'N=3, R=2, W=2, 10,000 trials', target: TARGET.p95Defaults },
  { name: 'largest', query: '?view=quorum&n=15&r=8&w=8&cr=1&cw=1&trials=50000', label: 'N=15, R=8, W=8, 50,000 trials', target: TARGET.p95Max },
];
const qLog = (min, max) => (p) => Math.min(max, Math.max(min, 10 ** (p / 100)));
const Q_SLIDERS = [
  { id: 'q-n', value: (p) => p, cycles: { defaults: [3, 4], largest: [15, 14] }, chart: 'both curves, and every other figure' },
  { id: 'q-w', value: (p) => p, cycles: { defaults: [2, 1], largest: [8, 7] }, chart: 'the R/W curve', chartTarget: true },
  { id: 'q-r', value: (p) => p, cycles: { defaults: [2, 1], largest: [8, 7] }, chart: 'the R/W curve', chartTarget: true },
  { id: 'q-k', value: (p) => p, cycles: { defaults: [2, 3], largest: [2, 3] } },
  { id: 'q-trials', value: (p) => Math.round(qLog(1000, 50000)(p)), cycles: { defaults: [400, 405], largest: [470, 465] } },
  { id: 'q-lw', value: (p) => Number(qLog(0.1, 500)(p).toFixed(2)), cycles: { defaults: [17, 20], largest: [17, 20] }, chart: 'both curves', chartTarget: true },
  { id: 'q-cmp-w', value: (p) => p, cycles: { defaults: [1, 2], largest: [1, 2] }, chart: 'the comparison curve', chartTarget: true },
  { id: 'q-cmp-r', value: (p) => p, cycles: { defaults: [1, 2], largest: [1, 2] }, chart: 'the comparison curve', chartTarget: true },
  { id: 'q-read', value: (p) => p, cycles: { defaults: [1, 0.5], largest: [1, 0.5] } },
  { id: 'q-t', value: (p) => p, cycles: { defaults: [2, 1], largest: [2, 1] } },
];

const WIDGETS = [
  {
    name: 'ring', settings: SETTINGS, sliders: SLIDERS, drift: 'ring-eps', comparison: true,
    readySelector: '[data-metric="compare-ring-moved-share"]',
  },
  {
    name: 'quorum', settings: Q_SETTINGS, sliders: Q_SLIDERS, drift: 'q-t', comparison: false,
    readySelector: '[data-metric="p-stale"]', heading: 'Quorum: ',
  },
];

const fmt = (n, d = 1) => n.toFixed(d);
const bytes = (n) => n.toLocaleString('en-US');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function percentile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(q * s.length) - 1)];
}

// ---------------------------------------------------------------- bundle size

function listFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name.startsWith('.') ? [] : listFiles(p);
    return [p];
  });
}

/// The binaries loader.js chooses from: the shell's files and each widget page's, by `view`.
function modules() {
  const loader = fs.readFileSync(path.join(dist, 'loader.js'), 'utf8');
  const shell = /const SHELL = (\{.*?\});/.exec(loader);
  const widgets = /const WIDGETS = new Map\(Object\.entries\((\{[\s\S]*?\})\)\);/.exec(loader);
  if (!shell || !widgets) throw new Error(`${dist}/loader.js lists no modules`);
  return { shell: JSON.parse(shell[1]), widgets: JSON.parse(widgets[1]) };
}

function bundleSize() {
  const files = listFiles(dist).filter((f) => /\.(wasm|js)$/.test(f)).sort();
  const rows = files.map((f) => {
    const raw = fs.readFileSync(f);
    return {
      name: path.relative(dist, f),
      raw: raw.length,
      gzip: zlib.gzipSync(raw, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(raw, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        },
      }).length,
    };
  });
  const sum = (rs) => rs.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const total = sum(rows);
  // What each page downloads to start: loader.js, then its binary's JS glue and wasm.
  const row = (file) => rows.find((r) => r.name === path.posix.normalize(file));
  const { shell, widgets } = modules();
  const pages = [['gallery, 404', shell], ...Object.entries(widgets).map(([view, m]) => [`\`?view=${view}\``, m])]
    .map(([name, m]) => {
      const wasm = row(m.wasm);
      const js = [row('loader.js'), row(m.js)];
      if (!wasm || js.some((r) => !r)) throw new Error(`${name}: a file loader.js names is missing`);
      return { name, wasm: wasm.brotli, js: sum(js).brotli, brotli: wasm.brotli + sum(js).brotli };
    });
  const largest = pages.reduce((a, b) => (b.brotli > a.brotli ? b : a));
  const out = [
    '### Bundle size',
    '',
    'What each page downloads to start (loader.js, its binary\'s JS glue and wasm), brotli q11 bytes:',
    '',
    '| page | wasm | JS | wasm + JS |',
    '|---|---:|---:|---:|',
    ...pages.map((p) => `| ${p.name} | ${bytes(p.wasm)} | ${bytes(p.js)} | **${bytes(p.brotli)}** (${kb(p.brotli)}) |`),
    '',
    'Every file of the build:',
    '',
    '| file | raw bytes | gzip -9 bytes | brotli q11 bytes |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| \`${r.name.replace(/-[0-9a-f]{8,16}/, '-…')}\` | ${bytes(r.raw)} | ${bytes(r.gzip)} | ${bytes(r.brotli)} |`),
    `| **wasm + JS** | **${bytes(total.raw)}** | **${bytes(total.gzip)}** | **${bytes(total.brotli)}** (${kb(total.brotli)}) |`,
    '',
    `Target: wasm + JS of any one page at most ${bytes(TARGET.bundleBrotli)} bytes (${kb(TARGET.bundleBrotli)}) brotli.`,
  ];
  return { md: out.join('\n'), total, pages, largest };
}

// ------------------------------------------------------------------- browser

/// Up to three positions next to the slider's current one, each setting a
/// different value from its neighbour, played back and forth: A B C B A B C B ...
/// A slider with fixed positions for the setting plays those: A B A B ...
async function plan(page, slider, setting) {
  if (slider.cycles) {
    const cycle = slider.cycles[setting.name];
    return { cycle, values: cycle.map((p) => slider.value(p)) };
  }
  const info = await page.$eval(`#${slider.id}`, (el) => ({
    pos: Number(el.value), min: Number(el.min), max: Number(el.max), step: Number(el.step) || 1,
    keysPos: Number(document.querySelector('#ring-keys').value),
  }));
  const keys = logValue(100000)(info.keysPos);
  const val = (p) => slider.value(p, keys);
  const round = (p) => Number(p.toFixed(6));
  const walk = (dir) => {
    const out = [info.pos];
    for (let p = info.pos; out.length < 3;) {
      p = round(p + dir * info.step);
      if (p < info.min - 1e-9 || p > info.max + 1e-9) break;
      if (val(p) !== val(out[out.length - 1])) out.push(p);
    }
    return out;
  };
  let seq = walk(+1);
  if (seq.length < 3) {
    const down = walk(-1);
    if (down.length > seq.length) seq = down;
  }
  if (seq.length < 2) throw new Error(`${slider.id}: no nearby position changes the state`);
  const cycle = seq.length === 3 ? [seq[0], seq[1], seq[2], seq[1]] : seq;
  return { cycle, values: seq.map(val) };
}

/// Per input: set the value, dispatch `input`, let every microtask and scheduled
/// Leptos effect run (a MessageChannel round trip is a new task, so it runs after
/// them), force style and layout, and time the whole thing.
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
      document.body.getBoundingClientRect();
      void document.body.offsetHeight;
      const t1 = performance.now();
      if (i >= warmup) times.push(t1 - t0);
    }
    channel.port1.close();
    return times;
  }, { id, cycle, inputs: INPUTS, warmup: WARMUP });
}

/// A drag: one input per animation frame for `frames` frames; returns the
/// intervals between frame start times.
function measureDrag(page, id, cycle, frames) {
  return page.evaluate(({ id, cycle, frames }) => new Promise((resolve) => {
    const el = id && document.getElementById(id);
    const stamps = [];
    let i = 0;
    const frame = (ts) => {
      stamps.push(ts);
      if (i === frames) {
        resolve(stamps.slice(1).map((t, k) => t - stamps[k]));
        return;
      }
      if (el) {
        el.value = String(cycle[(i + 1) % cycle.length]);
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }
      i++;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }), { id, cycle, frames });
}

/// Waits until the delayed comparison has run (no "Updating" left) and then a pause.
async function settle(page) {
  const t = Date.now();
  // The ring's delayed comparison and the quorum's staleness chart.
  await page.waitForFunction(() => [...document.querySelectorAll('#compare-updating, #q-chart-updating')]
    .every((u) => !u.textContent.includes('Updating')), null, { timeout: 30000, polling: 50 });
  const left = SETTLE_MS - (Date.now() - t);
  await page.waitForTimeout(Math.max(300, left));
}

/// The delayed comparison: one input, then the time until the "Updating" note
/// clears (minus the debounce), and the longest long task (> 50 ms) that started
/// after the debounce, from a PerformanceObserver.
function measureComparison(page, id, to) {
  return page.evaluate(({ id, to, delay }) => new Promise((resolve) => {
    const el = document.getElementById(id);
    const u = document.querySelector('#compare-updating');
    const tasks = [];
    const po = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
    po.observe({ type: 'longtask' });
    let t0 = 0; let cleared = null; let sawUpdating = false;
    const mo = u && new MutationObserver(() => {
      if (u.textContent.includes('Updating')) sawUpdating = true;
      else if (sawUpdating && cleared === null) cleared = performance.now();
    });
    if (mo) mo.observe(u, { subtree: true, childList: true, characterData: true });
    t0 = performance.now();
    el.value = String(to);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    const inputMs = performance.now() - t0;
    const finish = () => {
      po.disconnect();
      if (mo) mo.disconnect();
      const late = tasks.filter((e) => e.startTime >= t0 + delay - 50);
      resolve({
        settleMs: cleared === null ? null : cleared - t0 - delay,
        longestTaskMs: late.length ? Math.max(...late.map((e) => e.duration)) : 0,
        inputMs,
      });
    };
    // Long-task entries arrive asynchronously: wait well past the comparison.
    const poll = () => {
      if ((cleared !== null || !u) && performance.now() - t0 > delay + 800) finish();
      else if (performance.now() - t0 > 20000) finish();
      else setTimeout(poll, 50);
    };
    setTimeout(poll, delay);
  }), { id, to, delay: COMPARE_DELAY_MS });
}

/// Sets the slider to `pos` with one `input` event (to put it back where it began).
function setPosition(page, id, pos) {
  return page.$eval(`#${id}`, (el, pos) => {
    el.value = String(pos);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, pos);
}

/// Per input, the work per input as in `measureInputs`, plus the main-thread time
/// of the next animation frame up to the end of its callbacks (where the canvas
/// charts draw, once per frame): from the frame's timestamp to a callback queued
/// after the input, which runs after the chart's. The wait for the frame itself
/// is not counted.
function measureToFrame(page, id, cycle) {
  return page.evaluate(async ({ id, cycle, inputs, warmup, delay }) => {
    const el = document.getElementById(id);
    const channel = new MessageChannel();
    const roundTrip = () => new Promise((resolve) => {
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });
    const frame = () => new Promise((resolve) => requestAnimationFrame((ts) => resolve({ ts, now: performance.now() })));
    const times = [];
    for (let i = 0; i < warmup + inputs; i++) {
      // Start from an ordinary task just after a frame.
      await frame();
      await roundTrip();
      const t0 = performance.now();
      el.value = String(cycle[(i + 1) % cycle.length]);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      await roundTrip();
      document.body.getBoundingClientRect();
      void document.body.offsetHeight;
      let t1 = performance.now();
      // The chart follows once the slider has been still for `delay`: from then
      // until its "Updating" note clears is the recomputation's own work.
      const note = document.querySelector('#q-chart-updating');
      if (note && note.textContent.includes('Updating')) {
        await new Promise((resolve) => {
          const mo = new MutationObserver(() => { if (!note.textContent.includes('Updating')) { mo.disconnect(); resolve(); } });
          mo.observe(note, { subtree: true, childList: true, characterData: true });
        });
        t1 = performance.now() - delay;
      }
      const f = await frame();
      // The frame's own work: from its start (or the end of the input's work, if
      // the frame was due during it) to the end of its callbacks.
      const draw = Math.max(0, f.now - Math.max(f.ts, t1));
      if (i >= warmup) times.push(t1 - t0 + draw);
    }
    channel.port1.close();
    return times;
  }, { id, cycle, inputs: CHART_INPUTS, warmup: WARMUP, delay: CHART_DELAY_MS });
}

async function benchSetting(browser, base, widget, setting) {
  const { page, context, errors } = await openPage(browser, { width: 1280, height: 900 });
  const SLIDERS = widget.sliders;
  try {
    await page.goto(`${base}${setting.query}`);
    await ready(page);
    await page.waitForSelector(widget.readySelector, { timeout: 30000 });
    await page.waitForTimeout(1000);

    const idle = await measureDrag(page, null, [], FRAMES);

    // The delayed comparison first, on the freshly loaded page, for the two
    // sliders that change what is compared most.
    const comparison = [];
    for (const s of widget.comparison ? [SLIDERS[0], SLIDERS[2]] : []) {
      const { cycle } = await plan(page, s, setting);
      const runs = [];
      for (let k = 0; k < 5; k++) {
        runs.push(await measureComparison(page, s.id, cycle[(k + 1) % 2]));
        await settle(page);
      }
      // Leave the slider where it started.
      if (await page.$eval(`#${s.id}`, (el) => Number(el.value)) !== cycle[0]) {
        await measureComparison(page, s.id, cycle[0]);
        await settle(page);
      }
      comparison.push({ id: s.id, runs });
    }

    // Whether the cost of an input depends on what came before in the same page:
    // the slider that redraws the least (`ring-eps`, `q-t`) is measured once more
    // here, before the other sliders; the table's figure comes from the end of
    // the session, where it is measured last.
    const start = (id) => page.$eval(`#${id}`, (el) => el.value);
    const eps = SLIDERS.find((s) => s.id === widget.drift);
    const epsStart = await start(eps.id);
    const epsFresh = await measureInputs(page, eps.id, (await plan(page, eps, setting)).cycle);
    if (await start(eps.id) !== epsStart) await setPosition(page, eps.id, epsStart);
    await settle(page);

    const sliders = [];
    let inputsBefore = 0; // inputs dispatched between the fresh and the later drift runs
    for (const s of SLIDERS) {
      const { cycle, values } = await plan(page, s, setting);
      const from = await start(s.id);
      const times = await measureInputs(page, s.id, cycle);
      await settle(page);
      const intervals = await measureDrag(page, s.id, cycle, FRAMES);
      await settle(page);
      let toFrame = null;
      if (s.chart && setting.name === 'defaults') {
        toFrame = await measureToFrame(page, s.id, cycle);
        await settle(page);
      }
      // Leave the slider where it started (the fixed positions may not include it).
      let restored = 0;
      if (s.id !== widget.drift && await start(s.id) !== from) {
        await setPosition(page, s.id, from);
        await settle(page);
        restored = 1;
      }
      if (s.id !== widget.drift) {
        inputsBefore += times.length + WARMUP + FRAMES + restored + (toFrame ? toFrame.length + WARMUP : 0);
      }
      sliders.push({
        id: s.id, values, n: times.length,
        p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: Math.max(...times),
        dropped: intervals.filter((d) => d > DROP_MS).length, longest: Math.max(...intervals),
        frames: intervals.length,
        toFrame: toFrame && { p50: percentile(toFrame, 0.5), p95: percentile(toFrame, 0.95), n: toFrame.length },
      });
    }
    const drift = { p50Fresh: percentile(epsFresh, 0.5), p95Fresh: percentile(epsFresh, 0.95), inputsBefore };
    return { setting, idle, sliders, comparison, drift, errors: [...errors] };
  } finally {
    await context.close();
  }
}

function browserMarkdown(widget, results) {
  const SLIDERS = widget.sliders;
  const pre = widget.heading || '';
  const h = (title) => `### ${pre}${pre ? title[0].toLowerCase() + title.slice(1) : title}`;
  const out = [];
  const by = (id) => results.map((r) => r.sliders.find((s) => s.id === id));
  const valuesNote = (r) => r.sliders.map((s) => `\`${s.id}\` ${s.values.join('/')}`).join(', ');
  const [lo, hi] = results.map((r) => r.setting.name);

  out.push(h('Work per input'), '');
  out.push(`Milliseconds from setting the value to style and layout done, ${INPUTS} inputs per slider (after ${WARMUP} warm-up inputs).`, '');
  out.push(`| slider | ${results.map((r) => `${r.setting.name} p50 | ${r.setting.name} p95`).join(' | ')} |`);
  out.push(`|---|${results.map(() => '---:|---:').join('|')}|`);
  for (const s of SLIDERS) {
    out.push(`| \`${s.id}\` | ${by(s.id).map((x) => `${fmt(x.p50)} | ${fmt(x.p95)}`).join(' | ')} |`);
  }
  out.push('');
  out.push(`Targets: p95 at most ${TARGET.p95Defaults} ms at ${lo}, ${TARGET.p95Max} ms at ${hi}. Values alternated: `
    + results.map((r) => `${r.setting.name}: ${valuesNote(r)}`).join('; ') + '.');

  const before = results.map((r) => r.drift.inputsBefore);
  const beforeText = before.every((n) => n === before[0]) ? `${before[0]}` : before.join(' and ');
  out.push('', `Same page, earlier and later: \`${widget.drift}\` (whose own work is the smallest) measured on the freshly loaded page, `
    + `and again as the last slider, after the other sliders' ${beforeText} inputs (per-input runs and drags).`, '');
  out.push('| setting | fresh p50 | fresh p95 | later p50 | later p95 |');
  out.push('|---|---:|---:|---:|---:|');
  for (const r of results) {
    const last = r.sliders.find((x) => x.id === widget.drift);
    out.push(`| ${r.setting.name} | ${fmt(r.drift.p50Fresh)} | ${fmt(r.drift.p95Fresh)} | ${fmt(last.p50)} | ${fmt(last.p95)} |`);
  }

  out.push('', h('Dropped frames during a drag'), '');
  out.push(`One input per animation frame for ${FRAMES} frames; a frame is dropped when the interval between frame starts exceeds ${DROP_MS} ms.`, '');
  out.push(`| slider | ${results.map((r) => `${r.setting.name} dropped | ${r.setting.name} longest ms`).join(' | ')} |`);
  out.push(`|---|${results.map(() => '---:|---:').join('|')}|`);
  const idleRow = results.map((r) => `${r.idle.filter((d) => d > DROP_MS).length} | ${fmt(Math.max(...r.idle))}`);
  out.push(`| (no input, baseline) | ${idleRow.join(' | ')} |`);
  for (const s of SLIDERS) {
    out.push(`| \`${s.id}\` | ${by(s.id).map((x) => `${x.dropped} | ${fmt(x.longest)}`).join(' | ')} |`);
  }
  out.push('', `Target: ${TARGET.droppedFrames} dropped frames.`);

  if (widget.comparison) {
    out.push('', '### Delayed strategy comparison', '');
    out.push(`Runs ${COMPARE_DELAY_MS} ms after the last input. Measured first on each freshly loaded page: five single inputs per slider, each followed by a pause. `
      + '"settle" is the time from the input until the "Updating…" note clears, minus the delay; '
      + '"longest task" is the longest main-thread task (PerformanceObserver `longtask`, which only reports tasks over 50 ms) starting after the delay.', '');
    out.push('| setting | slider | settle median ms | settle max ms | longest task median ms | longest task max ms |');
    out.push('|---|---|---:|---:|---:|---:|');
    for (const r of results) {
      for (const c of r.comparison) {
        const settle = c.runs.map((x) => x.settleMs).filter((x) => x !== null);
        const tasks = c.runs.map((x) => x.longestTaskMs);
        const t = (x) => (x === 0 ? '< 50' : fmt(x));
        out.push(`| ${r.setting.name} | \`${c.id}\` | ${settle.length ? fmt(percentile(settle, 0.5)) : 'n/a'} | ${settle.length ? fmt(Math.max(...settle)) : 'n/a'} | ${t(percentile(tasks, 0.5))} | ${t(Math.max(...tasks))} |`);
      }
    }
  }

  const chart = results.find((r) => r.setting.name === 'defaults');
  const chartRows = chart ? chart.sliders.filter((s) => s.toFrame) : [];
  if (chartRows.length) {
    const spec = (id) => SLIDERS.find((s) => s.id === id);
    out.push('', h('Staleness-over-time chart at defaults'), '');
    out.push(`The sliders whose input reruns the WARS simulation behind the chart at the default ${chart.setting.label.split(', ').pop()}. `
      + '"work per input" is the figure above: the input alone, since the chart follows the controls once they have been still for '
      + `${CHART_DELAY_MS} ms. "to chart drawn" is the work of catching up: the input, then from the end of that pause until the curves are recomputed, `
      + `plus the next frame's work up to the end of its callbacks, where the canvas is drawn (not the waits), ${CHART_INPUTS} inputs each after ${WARMUP} warm-up inputs.`, '');
    out.push('| slider | recomputes | work per input p50 | work per input p95 | to chart drawn p50 | to chart drawn p95 |');
    out.push('|---|---|---:|---:|---:|---:|');
    for (const s of chartRows) {
      out.push(`| \`${s.id}\` | ${spec(s.id).chart} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.toFrame.p50)} | ${fmt(s.toFrame.p95)} |`);
    }
    out.push('', `Target: the chart caught up within ${CHART_TARGET_MS} ms of work at the default sample count (to chart drawn p95), judged on the sliders that change a quorum or a delay: `
      + `${chartRows.filter((s) => spec(s.id).chartTarget).map((s) => `\`${s.id}\``).join(', ')}.`);
  }
  return out.join('\n');
}

function targetsMarkdown(widget, bundle, results) {
  const yes = (ok) => (ok ? '**met**' : '**not met**');
  const lines = [];
  if (bundle) {
    const { largest } = bundle;
    lines.push(`- Bundle, wasm + JS brotli of one page ≤ ${kb(TARGET.bundleBrotli)}: largest ${largest.name} ${kb(largest.brotli)}, ${yes(largest.brotli <= TARGET.bundleBrotli)}.`);
  }
  for (const r of results) {
    const worst = r.sliders.reduce((a, b) => (b.p95 > a.p95 ? b : a));
    const over = r.sliders.filter((s) => s.p95 > r.setting.target).map((s) => `\`${s.id}\` ${fmt(s.p95)} ms`);
    lines.push(`- Work per input at ${r.setting.name}, p95 ≤ ${r.setting.target} ms: worst \`${worst.id}\` ${fmt(worst.p95)} ms, ${yes(over.length === 0)}${over.length ? ` (over: ${over.join(', ')})` : ''}.`);
  }
  for (const r of results) {
    const drops = r.sliders.filter((s) => s.dropped > TARGET.droppedFrames);
    lines.push(`- Dropped frames at ${r.setting.name}, ${TARGET.droppedFrames} per drag: ${yes(drops.length === 0)}${drops.length ? ` (${drops.map((s) => `\`${s.id}\` ${s.dropped}`).join(', ')})` : ''}.`);
  }
  const chart = results.find((r) => r.setting.name === 'defaults');
  const chartRows = chart ? chart.sliders.filter((s) => s.toFrame) : [];
  if (chartRows.length) {
    // Judged on the sliders that change a quorum or a delay; N is reported beside them.
    const spec = (id) => widget.sliders.find((s) => s.id === id);
    const judged = chartRows.filter((s) => spec(s.id).chartTarget);
    const others = chartRows.filter((s) => !spec(s.id).chartTarget);
    const worstOf = (rows, f) => rows.reduce((a, b) => (f(b) > f(a) ? b : a));
    const drawn = worstOf(judged, (s) => s.toFrame.p95);
    const ids = judged.map((s) => `\`${s.id}\``).join(', ');
    lines.push(`- Staleness-over-time chart caught up within ${CHART_TARGET_MS} ms of work once the slider is still, at defaults (to chart drawn p95 of ${ids}): `
      + `worst \`${drawn.id}\` ${fmt(drawn.toFrame.p95)} ms, ${yes(drawn.toFrame.p95 <= CHART_TARGET_MS)}`
      + (others.length ? `. Beside them, ${others.map((s) => `\`${s.id}\` (${spec(s.id).chart}): ${fmt(s.toFrame.p95)} ms (${s.toFrame.p95 <= CHART_TARGET_MS ? 'within' : 'over'} ${CHART_TARGET_MS} ms)`).join('; ')}` : '')
      + '.');
  }
  const errs = results.flatMap((r) => r.errors);
  if (errs.length) lines.push(`- Console errors during the run: ${errs.length} (first: ${errs[0]}).`);
  return lines.join('\n');
}

// ----------------------------------------------------------------------- main

const bundle = bundleSize();
console.log(bundle.md);
if (process.env.ONLY === 'sizes') process.exit(0);

const only = (process.env.WIDGETS || 'ring,quorum').split(',').map((w) => w.trim());
const widgets = WIDGETS.filter((w) => only.includes(w.name));
if (!widgets.length) {
  console.error(`WIDGETS=${process.env.WIDGETS}: none of ${WIDGETS.map((w) => w.name).join(', ')}`);
  process.exit(2);
}
const server = await serve(dist, '/dials/');
const browser = await launch();
const results = new Map();
try {
  for (const widget of widgets) {
    const rs = [];
    for (const setting of widget.settings) {
      console.error(`bench: ${widget.name}, ${setting.name} (${setting.label})`);
      rs.push(await benchSetting(browser, server.base, widget, setting));
    }
    results.set(widget.name, rs);
  }
} finally {
  await browser.close();
  server.close();
}
for (const widget of widgets) {
  const rs = results.get(widget.name);
  if (widget.name === 'ring') {
    console.log('');
    console.log(browserMarkdown(widget, rs));
    console.log('');
    console.log(['### Against the targets', '', targetsMarkdown(widget, bundle, rs)].join('\n'));
  } else {
    console.log(`<!-- part: ${widget.name} -->`);
    console.log(browserMarkdown(widget, rs));
    console.log(`<!-- part: ${widget.name}-targets -->`);
    console.log(targetsMarkdown(widget, null, rs));
  }
}
