// Links full of junk: every parameter that docs/url-parameters.md lists for a
// widget gets a value drawn from a seeded pool of bad ones (empty, negative,
// huge, not a number, separators, a long string, a script tag). The
// page must still show the widget, say what it fixed, log no error, show no
// crash panel, and keep answering (no frozen tab). So must a link with every
// numeric parameter at the largest value the docs allow.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ready, assert } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/// Each widget's parameters, read from the URL docs' tables: `{ view: [[name,
/// largest documented value or null]] }`.
function documentedParams() {
  const text = fs.readFileSync(path.join(root, 'docs', 'url-parameters.md'), 'utf8');
  const params = {};
  let view = null;
  for (const line of text.split('\n')) {
    const heading = line.match(/^## .*\(`view=([a-z-]+)`\)/);
    if (heading) { view = heading[1]; params[view] = []; continue; }
    if (line.startsWith('## ')) { view = null; continue; }
    if (!view || !line.startsWith('| `')) continue;
    const cells = line.split('|');
    // A range such as "1–100" or "0.1–500": its upper end.
    const range = (cells[3] || '').trim().match(/^[\d.]+–([\d.]+)$/);
    const max = range ? range[1] : null;
    params[view].push(...[...cells[1].matchAll(/`([a-z_]+)`/g)].map((m) => [m[1], max]));
  }
  return params;
}

const JUNK = [
  '', '-1', '0', '1e309', '-1e309', 'NaN', 'inf', '99999999999999999999999999',
  '18446744073709551616', '0x10', '1,,2', ',', '3:4:5', 'a b c', '%00', '∞',
  '<script>x</script>', 'x'.repeat(300), '1.5.5', '1'.repeat(100),
];

/// Settings that pick each widget's most expensive path.
const HEAVIEST = {
  cache: { mode: 'compare', work: 'zipf' },
  'rate-limit': { traffic: 'poisson', live: '1' },
  cells: { arch: 'shuffle', shard: '8', maxov: '7' },
  queue: { policy: 'peak-ewma', hedge: '99', work: 'pareto' },
};

/// A small seeded generator, so a failing link can be rebuilt.
function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

export function fuzzTests(ctx) {
  const { withPage, noErrors } = ctx;
  const params = documentedParams();

  /// Opens `link` and checks the page coped: the widget is there with its
  /// readouts, a notice if `noticed`, no crash panel, no error, and it answers.
  async function survives(link, what, noticed) {
    await withPage({ serviceWorkers: 'block' }, async ({ page, errors }) => {
      await page.goto(`${ctx.sub.base}${link}`);
      await ready(page);
      await page.waitForSelector('.widget', { timeout: 20000 });
      if (noticed) await page.waitForSelector('.notice', { timeout: 20000 });
      // The figures that wait for still controls have their turn.
      await page.waitForTimeout(1000);
      const alive = await Promise.race([
        page.evaluate(() => document.querySelectorAll('[data-metric]').length),
        new Promise((resolve) => setTimeout(() => resolve(-1), 20000)),
      ]);
      assert(alive > 0, `${what}: no readout, or the tab froze (${alive}) for ${link.slice(0, 300)}`);
      assert(!(await page.$('#crash')), `${what}: crash panel for ${link.slice(0, 300)}`);
      noErrors(errors, what);
    });
  }

  return [
    ['bad input: links full of junk show the widget, notices and no error', async () => {
      const views = Object.keys(params);
      assert(views.length === 6, `widgets in the URL docs: ${views}`);
      for (const view of views) {
        assert(params[view].length >= 8, `${view}: parameters read from the docs: ${params[view]}`);
        for (let seed = 1; seed <= 3; seed++) {
          const next = rng(seed * 7919 + view.length);
          const q = new URLSearchParams({ view });
          for (const [p] of params[view]) q.set(p, JUNK[Math.floor(next() * JUNK.length)]);
          await survives(`?${q}`, `${view} seed ${seed}`, true);
        }
      }
    }],

    ['bad input: every numeric parameter at its documented maximum at once', async () => {
      for (const [view, list] of Object.entries(params)) {
        const q = new URLSearchParams({ view });
        for (const [p, max] of list) if (max !== null) q.set(p, max);
        assert(q.size >= 6, `${view}: too few ranges read from the docs: ${q}`);
        // The heaviest mode of each widget, on top.
        for (const [p, v] of Object.entries(HEAVIEST[view] || {})) q.set(p, v);
        await survives(`?${q}`, `${view} at its maxima`, false);
      }
    }],
  ];
}
