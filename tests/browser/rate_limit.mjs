// Browser tests of the rate-limiter widget. `ctx` carries the shared helpers
// of run.mjs (server, page factory, assertions).

import path from 'node:path';
import { ready, metrics, assert } from './harness.mjs';
import { sceneChecks } from './scenes.mjs';

/// The tour: name, the figure it brings into view, and what it highlights.
export const RATE_SCENES = [
  ['one-stream-six-limiters', 'lanes', '#rl-lanes[data-marked~="fixed"][data-marked~="log"]'],
  ['the-window-edge', 'lanes', '#rl-lanes[data-marked~="fixed"]'],
  ['room-for-a-burst', 'lanes', '#rl-lanes[data-marked~="leaky"]'],
  ['on-a-live-clock', 'lanes', '#rl-lanes[data-marked~="log"]'],
  ['one-noisy-client', 'lanes', '#rl-lanes[data-marked~="token"]'],
  ['many-gateways-one-limit', 'gateways', 'details#rl-dist[open] canvas#rl-dist-chart'],
  ['a-central-counter', 'gateways', 'details#rl-dist[open] [data-metric="dist-latency"]'],
];

/// Waits until the lanes follow the controls and the requests have landed.
async function rateSettled(page) {
  await page.waitForFunction(() => !(document.querySelector('#rl-updating')?.textContent || '').includes('Updating')
    && !document.querySelector('#rl-lanes[data-falling]'), null, { timeout: 10000 });
}

/// Opens the controls behind "More".
async function more(page) {
  await page.waitForSelector('#rl-more-toggle');
  if (await page.getAttribute('#rl-more-toggle', 'aria-expanded') !== 'true') await page.click('#rl-more-toggle');
}

/// Pixels of a colour on a canvas: how many, and the rightmost column as a share of its width.
function colourReach(page, selector, [r, g, b]) {
  return page.$eval(selector, (c, [r, g, b]) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0; let right = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 60) {
        n++; right = Math.max(right, (i / 4) % c.width);
      }
    }
    return { n, right: right / c.width };
  }, [r, g, b]);
}

export async function openRate(ctx, page, query = '') {
  await page.goto(`${ctx.sub.base}?view=rate-limit${query}`);
  await ready(page);
  await page.waitForSelector('canvas.lanes');
  await page.waitForSelector('[data-metric="accepted-token"]');
}

export function rateTests(ctx) {
  const { withPage, noErrors, setRange, shots } = ctx;
  const num = async (page, metric) => Number(await page.$eval(`[data-metric="${metric}"]`, (e) => e.dataset.value));
  return [
    ...sceneChecks(ctx, 'rate-limit', RATE_SCENES, { wait: rateSettled }),

    ['rate limit: the first screen is the lanes, the limit and the traffic at every size; the rest is behind More', async () => {
      await withPage({ width: 1280, height: 800 }, async ({ page, errors }) => {
        await openRate(ctx, page);
        await rateSettled(page);
        const c = await page.$eval('canvas.lanes', (e) => e.getBoundingClientRect().toJSON());
        assert(c.top < 460 && 800 - c.top >= 340, `lanes at ${c.top}px of 800`);
        for (const id of ['#rl-limit', '#rl-traffic', '#rl-more-toggle']) {
          const b = await page.$eval(id, (e) => e.getBoundingClientRect().toJSON());
          assert(b.bottom <= 800 && b.height > 0, `${id} not in the first screen: ${JSON.stringify(b)}`);
        }
        assert(!(await page.isVisible('#rl-burst')) && !(await page.isVisible('#rl-seed')), 'jargon controls are tucked away');
        await more(page);
        assert(await page.isVisible('#rl-burst') && await page.isVisible('#rl-seed'), 'More brings them out');
        const legend = await page.$$eval('[data-legend-for="lanes"] li', (ls) => ls.map((l) => l.dataset.sign));
        for (const sign of ['arriving', 'accepted', 'delayed', 'refused', 'boundary', 'state']) assert(legend.includes(sign), `legend lacks ${sign}`);
        assert((await page.textContent('[data-sign="boundary"]')).includes('1.00 s'), 'the boundary entry names W');
        await page.screenshot({ path: path.join(shots, 'rate-limit-first-screen.png') });
        noErrors(errors, 'first screen');
      });
      // At every size the lanes start in the top half and nothing scrolls
      // sideways; on a phone the presets are one strip that scrolls on its own.
      for (const [w, h] of [[1024, 768], [1920, 1080], [360, 740]]) {
        await withPage({ width: w, height: h }, async ({ page, errors }) => {
          await openRate(ctx, page);
          await rateSettled(page);
          const c = await page.$eval('canvas.lanes', (e) => e.getBoundingClientRect().toJSON());
          assert(c.top < h * 0.5, `${w}×${h}: lanes at ${c.top}px`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert(overflow <= 0, `${w}×${h}: the page scrolls sideways by ${overflow}px`);
          if (w < 480) {
            const strip = await page.$eval('.widget-bar > .presets', (e) => ({ rows: new Set([...e.children].map((b) => Math.round(b.getBoundingClientRect().top))).size, scrolls: e.scrollWidth > e.clientWidth }));
            assert(strip.rows === 1 && strip.scrolls, `${w}×${h}: presets ${JSON.stringify(strip)}`);
          }
          noErrors(errors, `first screen ${w}×${h}`);
        });
      }
    }],

    ['rate limit: window boundaries and a zoom in the address; a scene zooms on the boundary burst', async () => {
      await withPage({ width: 1280, height: 800 }, async ({ page, errors }) => {
        await openRate(ctx, page, '&scene=the-window-edge');
        await rateSettled(page);
        assert(await page.$eval('#rl-zoom-range', (e) => e.dataset.value) === '800000,1200000', 'the scene shows 0.8 s to 1.2 s');
        await page.waitForFunction(() => location.search.includes('zoom=800%2C1200') || location.search.includes('zoom=800,1200'), null, { timeout: 5000 });
        // Twenty requests over 400 ms: each mark is several pixels from the next.
        const box = await page.$eval('canvas.lanes', (e) => e.getBoundingClientRect().toJSON());
        await page.click('#tour-end');
        await page.mouse.move(box.x + box.width * 0.3, box.y + 200);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width * 0.6, box.y + 220, { steps: 5 });
        await page.mouse.up();
        await page.waitForFunction(() => {
          const [a, b] = document.querySelector('#rl-zoom-range').dataset.value.split(',').map(Number);
          return a > 800000 && b < 1200000 && b > a;
        }, null, { timeout: 5000 });
        await page.click('#rl-zoom-all');
        await page.waitForFunction(() => location.search.includes('zoom=all'), null, { timeout: 5000 });
        await page.click('#rl-zoom-in');
        await page.waitForFunction(() => document.querySelector('#rl-zoom-range').dataset.value === '500000,1500000', null, { timeout: 5000 });
        noErrors(errors, 'zoom');
      });
      await withPage({}, async ({ page, errors }) => {
        await openRate(ctx, page, '&zoom=9,3');
        const params = await page.$$eval('.notice', (ns) => ns.map((n) => n.dataset.param));
        assert(params.includes('zoom'), `no notice for a bad zoom: ${params}`);
        noErrors(errors, 'bad zoom');
      });
    }],

    ['rate limit: requests fall into their lanes in under 600 ms; reduced motion shows a still', async () => {
      const watch = (page) => page.evaluate(() => {
        window.__fall = [];
        new MutationObserver(() => window.__fall.push([performance.now(), document.querySelector('#rl-lanes').hasAttribute('data-falling')]))
          .observe(document.querySelector('#rl-lanes'), { attributes: true, attributeFilter: ['data-falling'] });
      });
      await withPage({}, async ({ page, errors }) => {
        await openRate(ctx, page);
        await rateSettled(page);
        await watch(page);
        await page.click('.preset[data-preset="1"]');
        await page.waitForFunction(() => window.__fall.length >= 2 && !window.__fall[window.__fall.length - 1][1], null, { timeout: 5000 });
        const marks = await page.evaluate(() => window.__fall);
        const took = marks[marks.length - 1][0] - marks.find((m) => m[1])[0];
        assert(took > 200 && took < 650, `the fall took ${took} ms`);
        noErrors(errors, 'fall');
      });
      await withPage({ reducedMotion: 'reduce' }, async ({ page, errors }) => {
        await openRate(ctx, page);
        await watch(page);
        await page.click('.preset[data-preset="1"]');
        await page.waitForTimeout(800);
        assert((await page.evaluate(() => window.__fall.length)) === 0, 'nothing falls under reduced motion');
        assert(!(await page.$('#rl-lanes[data-falling]')), 'the lanes are still');
        noErrors(errors, 'still');
      });
    }],

    ['rate limit: space plays and the arrows step the clock, on the page and on a tour', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openRate(ctx, page);
        await rateSettled(page);
        const clock = () => page.$eval('[data-metric="clock"]', (e) => Number(e.dataset.value)).catch(() => null);
        await page.keyboard.press('ArrowRight');
        await page.waitForSelector('[data-metric="clock"]');
        const first = await clock();
        assert(first > 0, `the first step goes to the first request: ${first}`);
        await page.keyboard.press('ArrowRight');
        await page.waitForFunction((f) => Number(document.querySelector('[data-metric="clock"]').dataset.value) > f, first, { timeout: 5000 });
        await page.keyboard.press('ArrowLeft');
        await page.waitForFunction((f) => Number(document.querySelector('[data-metric="clock"]').dataset.value) === f, first, { timeout: 5000 });
        await page.keyboard.press(' ');
        await page.waitForFunction((f) => Number(document.querySelector('[data-metric="clock"]').dataset.value) > f + 100, first, { timeout: 5000 });
        await page.keyboard.press(' ');
        noErrors(errors, 'keys on the page');
      });
      await withPage({}, async ({ page, errors }) => {
        await openRate(ctx, page, '&scene=one-stream-six-limiters');
        await rateSettled(page);
        await page.keyboard.press('ArrowDown');
        await page.waitForSelector('[data-metric="clock"]');
        const t = await page.$eval('[data-metric="clock"]', (e) => Number(e.dataset.value));
        assert(t > 0, 'down steps the scene\'s clock');
        await page.keyboard.press('ArrowRight');
        await page.waitForSelector('.tour-card[data-scene="the-window-edge"]');
        noErrors(errors, 'keys on a tour');
      });
    }],

    ['rate limit: the tour opens the gateways, whose chart draws every interval across every K', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openRate(ctx, page, '&scene=one-noisy-client');
        await page.click('#tour-next');
        await page.waitForSelector('.tour-card[data-scene="many-gateways-one-limit"]');
        await page.waitForSelector('details#rl-dist[open] canvas#rl-dist-chart', { timeout: 10000 });
        await page.waitForSelector('[data-metric="dist-over"][data-value]:not([data-value=""])');
        await page.waitForTimeout(400);
        // Sync every 50 ms (green, dashed), 500 ms (blue) and 5 s (vermillion, dashed) all reach K = 64.
        for (const [name, rgb] of [['50 ms', [0, 158, 115]], ['500 ms', [0, 114, 178]], ['5 s', [213, 94, 0]]]) {
          const { n, right } = await colourReach(page, 'canvas#rl-dist-chart', rgb);
          assert(n > 50 && right > 0.8, `sync every ${name}: ${n} pixels reaching ${right.toFixed(2)} of the width`);
        }
        noErrors(errors, 'gateways');
      });
    }],

    ['rate limit: at 360 px the table fits as cards, the page never scrolls sideways, and canvas text stays readable', async () => {
      await withPage({ width: 360, height: 740 }, async ({ page, errors }) => {
        await openRate(ctx, page, '&live=1&t=3000');
        await page.waitForSelector('table.rate-table td');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
        const cut = await page.$$eval('table.rate-table td, table.rate-table th', (cs) => cs.filter((c) => c.getClientRects().length)
          .filter((c) => { const r = c.getBoundingClientRect(); return r.left < 0 || r.right > window.innerWidth; }).length);
        assert(cut === 0, `${cut} table cells cut off`);
        const wrap = await page.$eval('.rl-table-panel .table-wrap', (w) => w.scrollWidth - w.clientWidth);
        assert(wrap <= 0, `the table scrolls by ${wrap}px`);
        const labelled = await page.$eval('table.rate-table td[data-metric^="accepted-"]', (td) => getComputedStyle(td, '::before').content);
        assert(labelled.includes('Let through'), `cells name their column: ${labelled}`);
        // The smallest text drawn on the lanes is 11 units, and a unit is at least a CSS pixel.
        const scale = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize) / 16);
        assert(scale >= 1, `type scale ${scale}`);
        await page.screenshot({ path: path.join(shots, 'rate-limit-360-table.png'), fullPage: true });
        noErrors(errors, '360 table');
      });
    }],

    ['rate limit: six lanes, and the boundary attack doubles only the fixed window', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openRate(ctx, page);
        const h = await page.$eval('canvas.lanes', (c) => c.getBoundingClientRect().height);
        assert(h >= 6 * 70, `lanes canvas ${h}px for six lanes`);
        // Token bucket, GCRA and the queue admit the same requests.
        const acc = await num(page, 'accepted-token');
        assert(acc > 0 && acc === await num(page, 'accepted-gcra') && acc === await num(page, 'accepted-leaky'), 'bucket family agrees');
        assert(await num(page, 'worst-delay-leaky') > 0, 'the queue makes requests wait');
        await page.screenshot({ path: path.join(shots, 'rate-limit.png'), fullPage: true });
        await page.click('.preset[data-preset="3"]');
        await page.waitForFunction(() => location.search.includes('traffic=boundary'), null, { timeout: 5000 });
        await page.waitForFunction(() => document.querySelector('[data-metric="maxwin-fixed"]').dataset.value === '20');
        assert(await num(page, 'maxwin-log') === 10, 'the log stays exact');
        assert(await num(page, 'offered-maxwin') === 20, 'twenty offered');
        await more(page);
        await page.click('#algo-gcra');
        await page.waitForFunction(() => !document.querySelector('[data-metric="accepted-gcra"]'));
        noErrors(errors, 'lanes');
      });
    }],

    ['rate limit: live mode fires requests by key, never from inside a field', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openRate(ctx, page, '&limit=3&window=5000&burst=3');
        await page.click('body');
        for (let i = 0; i < 5; i++) await page.keyboard.press('f');
        await page.waitForFunction(() => document.querySelector('[data-metric="hand-count"]')?.dataset.value === '5', null, { timeout: 5000 });
        await page.waitForFunction(() => document.querySelector('[data-metric="accepted-token"]').dataset.value === '3');
        assert(await num(page, 'rejected-token') === 2, 'two refused');
        assert(await num(page, 'accepted-fixed') === 3, 'fixed window lets three through');
        await more(page);
        await page.focus('#rl-seed');
        await page.keyboard.press('f');
        assert(await num(page, 'hand-count') === 5, 'F inside a field types, it does not fire');
        await page.click('#rl-play'); // pause
        const t = await num(page, 'clock');
        assert(t > 0, 'the clock ran');
        // The link follows once the clock stands still.
        await page.waitForFunction(() => location.search.includes('traffic=hand') && location.search.includes('live=1'), null, { timeout: 5000 });
        await page.click('#rl-fire');
        assert(await num(page, 'hand-count') === 6, 'the button fires');
        await page.click('#rl-replay');
        await page.waitForFunction((t0) => Number(document.querySelector('[data-metric="clock"]').dataset.value) > t0 / 2, t, { timeout: 10000 });
        noErrors(errors, 'live');
      });
    }],

    ['rate limit: imported timestamps keep the good lines and list the bad', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openRate(ctx, page);
        await more(page);
        await page.click('details.import summary');
        await page.fill('#rl-paste', '0\n100\nabc\n250,alice\n-5\n300ms\n');
        await page.click('#rl-use-paste');
        await page.waitForFunction(() => location.search.includes('traffic=import'), null, { timeout: 5000 });
        assert(await num(page, 'import-kept') === 4, 'four kept');
        const problems = await page.$$eval('.import-report .problems li', (ls) => ls.map((l) => l.textContent));
        assert(problems.length === 2 && problems[0].includes('line 3') && problems[1].includes('line 5'), `problems: ${problems}`);
        assert(await num(page, 'requests') === 4, 'the lanes use them');
        assert(await page.$('.share-note'), 'the share note says they stay here');
        noErrors(errors, 'import');
      });
    }],

    ['rate limit: a deep link restores the figures; a malformed one shows notices', async () => {
      let link; let seen;
      await withPage({}, async ({ page }) => {
        await openRate(ctx, page, '&traffic=clients&clients=3&rate=25&seed=7');
        await setRange(page, 'rl-limit', 100); // 10^1 = 10 per window
        await page.click('#rl-dist summary');
        await page.waitForSelector('[data-metric="dist-over"][data-value]:not([data-value=""])');
        await setRange(page, 'rl-k', 90);
        await page.waitForFunction(() => location.search.includes('k=8'), null, { timeout: 5000 });
        link = page.url();
        seen = await metrics(page);
      });
      await withPage({}, async ({ page, errors }) => {
        await page.goto(link);
        await ready(page);
        await page.waitForSelector('[data-metric="accepted-token"]');
        await page.click('#rl-dist summary');
        await page.waitForSelector('[data-metric="dist-over"][data-value]:not([data-value=""])');
        const got = await metrics(page);
        assert(JSON.stringify(got) === JSON.stringify(seen), `metrics differ:\n${JSON.stringify(seen)}\n${JSON.stringify(got)}`);
        assert((await page.$$('.notice')).length === 0, 'no notices');
        noErrors(errors, 'rate deep link');
      });
      await withPage({}, async ({ page, errors }) => {
        await openRate(ctx, page, '&limit=0&traffic=moon&algos=token,zz&k=999&live=maybe');
        const params = await page.$$eval('.notice', (ns) => ns.map((n) => n.dataset.param));
        for (const p of ['limit', 'traffic', 'algos', 'k', 'live']) assert(params.includes(p), `no notice for ${p}: ${params}`);
        noErrors(errors, 'rate malformed');
      });
    }],
    ['rate limit: while the clock runs, the address follows it about once a second', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openRate(ctx, page, '&live=1&play=1');
        const urlT = () => page.evaluate(() => Number(new URLSearchParams(location.search).get('t')));
        await page.waitForFunction(() => Number(new URLSearchParams(location.search).get('t')) > 0, null, { timeout: 5000 });
        const first = await urlT();
        await page.waitForFunction((t0) => Number(new URLSearchParams(location.search).get('t')) > t0, first, { timeout: 5000 });
        const second = await urlT();
        const clock = await num(page, 'clock');
        // Still running: the address was written while the state kept changing.
        assert(clock >= second && second > first, `URL t ${first} → ${second}, clock ${clock}`);
        noErrors(errors, 'address follows the clock');
      });
    }],
  ];
}
