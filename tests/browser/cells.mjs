// Browser tests of the cell blast radius widget. `ctx` carries the shared
// helpers of run.mjs (server, page factory, assertions).

import path from 'node:path';
import { ready, metrics, assert } from './harness.mjs';
import { sceneChecks } from './scenes.mjs';

/// The cells scenes: name, the figure it brings into view, and what it
/// highlights on the grid.
export const CELLS_SCENES = [
  ['one-shared-deployment', 'grid', 'svg.cells-overlay .cells-focus[data-role="failed"][data-unit="0"]'],
  ['ten-cells', 'grid', 'svg.cells-overlay .cells-focus[data-role="failed"][data-unit="3"]'],
  ['a-hundred-cells', 'grid', 'svg.cells-overlay .cells-focus[data-role="busiest"]'],
  ['the-largest-tenant-alone', 'grid', 'svg.cells-overlay .cells-focus[data-role="largest"][data-unit="0"]'],
  ['shuffle-sharding', 'grid', 'svg.cells-overlay .cells-shard'],
  ['a-large-fleet', 'grid', 'svg.cells-overlay .cells-shard'],
  ['a-bad-deploy-in-waves', 'grid', 'svg.cells-overlay .cells-focus[data-role="failed"][data-unit="2"]'],
];

/// Waits until the placement has caught up with the controls.
async function placed(page) {
  await page.waitForFunction(() => {
    const e = document.querySelector('#cells-placing');
    return e && !e.textContent.includes('Updating');
  }, null, { timeout: 15000 });
}

/// The grid's columns and rows, as the page gives the canvas its shape.
async function gridShape(page) {
  const aspect = await page.$eval('.cells-figure', (f) => f.style.getPropertyValue('--grid-aspect'));
  const [cols, rows] = aspect.split('/').map((x) => Number(x.trim()));
  return { cols, rows };
}

export async function openCells(ctx, page, query = '') {
  await page.goto(`${ctx.sub.base}?view=cells${query}`);
  await ready(page);
  await page.waitForSelector('canvas.cells-grid');
  await page.waitForSelector('[data-metric="tenant-share"]');
}

/// Clicks the middle of unit `u` in the grid (the boxes centred in the
/// canvas, as src/widgets/cells/grid.rs lays them out).
async function clickUnit(page, units, u) {
  const { cols, rows } = await gridShape(page);
  const box = await page.$eval('canvas.cells-grid', (c) => ({ w: c.clientWidth, h: c.clientHeight }));
  const side = Math.min(box.w / cols, box.h / rows);
  const x0 = (box.w - cols * side) / 2; const y0 = (box.h - rows * side) / 2;
  await page.click('canvas.cells-grid', { position: { x: x0 + (u % cols + 0.5) * side, y: y0 + (Math.floor(u / cols) + 0.5) * side } });
}

export function cellsTests(ctx) {
  const { withPage, noErrors, setRange, shots } = ctx;
  const num = async (page, metric) => Number(await page.$eval(`[data-metric="${metric}"]`, (e) => e.dataset.value));
  return [
    ['cells: clicking and keyboard fail cells; the share hit follows', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openCells(ctx, page, '&tenants=5000&skew=equal&cells=10&failed=');
        assert(await num(page, 'tenant-share') === 0, 'nothing failed yet');
        await clickUnit(page, 10, 3);
        await page.waitForFunction(() => location.search.includes('failed=3'), null, { timeout: 5000 });
        const one = await num(page, 'tenant-share');
        assert(Math.abs(one - 0.1) < 0.03, `one cell of ten: ${one}`);
        await page.focus('canvas.cells-grid');
        await page.keyboard.press('Home');
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => location.search.includes('failed=1,3'), null, { timeout: 5000 });
        assert(await num(page, 'tenant-share') > one, 'two cells hit more');
        await page.screenshot({ path: path.join(shots, 'cells.png'), fullPage: true });
        await page.click('#cells-clear');
        await page.waitForFunction(() => document.querySelector('[data-metric="tenant-share"]').dataset.value === '0');
        noErrors(errors, 'cells clicks');
      });
    }],

    ['cells: presets tell their stories, with closed forms beside the population', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openCells(ctx, page);
        await page.click('.preset[data-preset="0"]');
        await page.waitForFunction(() => document.querySelector('[data-metric="tenant-share"]').dataset.value === '1');
        await page.click('.preset[data-preset="4"]');
        await page.waitForSelector('[data-metric="distinct-shards"]');
        assert(await num(page, 'distinct-shards') === 28, 'C(8,2) = 28');
        const m = await metrics(page);
        const total = [0, 1, 2].reduce((a, j) => a + Number(m[`overlap-measured-${j}`]), 0);
        assert(total === 999, `every other tenant counted once: ${total}`);
        const p = [0, 1, 2].reduce((a, j) => a + Number(m[`overlap-p-${j}`]), 0);
        assert(Math.abs(p - 1) < 1e-9, `probabilities sum to one: ${p}`);
        assert(Math.abs(Number(m['overlap-measured-1']) - Number(m['overlap-expected-1'])) < 0.15 * 999, 'measured near expected');
        assert(await num(page, 'full-share') < 0.1, 'few lose everything to the poison tenant');
        await page.screenshot({ path: path.join(shots, 'cells-shuffle.png'), fullPage: true });
        noErrors(errors, 'cells presets');
      });
    }],

    ['cells: the deploy timeline plays, steps and scrubs', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openCells(ctx, page);
        await page.click('.preset[data-preset="6"]');
        await page.waitForSelector('#cells-play');
        assert(await num(page, 'tenant-minutes') > 0, 'a bad deploy costs tenant-minutes');
        await page.click('#cells-play');
        await page.waitForFunction(() => Number(document.querySelector('[data-metric="minute"]').dataset.value) >= 5, null, { timeout: 5000 });
        await page.click('#cells-play');
        // The preset: waves every 30 minutes, noticed at 75, healthy at 95.
        await setRange(page, 'cells-minute', 31);
        await page.click('#cells-step');
        assert(await num(page, 'minute') === 60, `a step goes to the next wave: ${await num(page, 'minute')}`);
        await page.click('#cells-step');
        assert(await num(page, 'minute') === 75, 'then to the detection');
        await page.click('#cells-back');
        await page.click('#cells-back');
        assert(await num(page, 'minute') === 30, 'back a whole wave at a time');
        await setRange(page, 'cells-minute', 60);
        assert(await num(page, 'traffic-lost') > 0, 'traffic fails mid-rollout');
        const end = await page.$eval('#cells-minute', (e) => Number(e.max));
        await setRange(page, 'cells-minute', end);
        await page.waitForFunction(() => document.querySelector('[data-metric="traffic-lost"]').dataset.value === '0');
        noErrors(errors, 'deploy');
      });
    }],

    ['cells: a deep link restores the figures; a malformed one shows notices', async () => {
      let link; let seen;
      await withPage({}, async ({ page }) => {
        await openCells(ctx, page, '&arch=shuffle&workers=20&shard=3&maxov=1&fault=poison&poison=5&tenants=2000&seed=3');
        await page.waitForSelector('[data-metric="distinct-shards"]');
        link = page.url();
        seen = await metrics(page);
      });
      await withPage({}, async ({ page, errors }) => {
        await page.goto(link);
        await ready(page);
        await page.waitForSelector('[data-metric="distinct-shards"]');
        const got = await metrics(page);
        assert(JSON.stringify(got) === JSON.stringify(seen), `metrics differ:\n${JSON.stringify(seen)}\n${JSON.stringify(got)}`);
        assert((await page.$$('.notice')).length === 0, 'no notices');
        noErrors(errors, 'cells deep link');
      });
      await withPage({}, async ({ page, errors }) => {
        await openCells(ctx, page, '&tenants=0&arch=moon&cells=9999&failed=1,x&maxov=7');
        const params = await page.$$eval('.notice', (ns) => ns.map((n) => n.dataset.param));
        for (const p of ['tenants', 'arch', 'cells', 'failed', 'maxov']) assert(params.includes(p), `no notice for ${p}: ${params}`);
        noErrors(errors, 'cells malformed');
      });
    }],
    ['cells: a guarded shuffle placement of 100,000 tenants follows the workers once the slider is still', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openCells(ctx, page, '&arch=shuffle&workers=50&shard=5&maxov=2&fault=poison&poison=0&tenants=100000&seed=3');
        await page.waitForSelector('[data-metric="tenants-partial"]');
        const before = await metrics(page);
        assert(!(await page.$eval('#cells-placing', (e) => e.textContent)).includes('Updating'), 'settled after loading');
        const max = await page.$eval('#cells-workers', (e) => Number(e.max));
        for (const f of [0.7, 0.85, 1]) await setRange(page, 'cells-workers', max * f);
        assert((await page.$eval('#cells-placing', (e) => e.textContent)).includes('Updating'), 'says it is updating while the slider moves');
        await page.waitForFunction(() => location.search.includes('workers=1000'), null, { timeout: 5000 });
        await page.waitForFunction(() => !document.querySelector('#cells-placing').textContent.includes('Updating'), null, { timeout: 15000 });
        const after = await metrics(page);
        // Twenty times the workers: far fewer tenants share a worker with the poison tenant.
        assert(Number(after['tenants-partial']) < Number(before['tenants-partial']) / 2,
          `tenants partly hit: ${before['tenants-partial']} at 50 workers, ${after['tenants-partial']} at 1000`);
        noErrors(errors, 'cells settle');
      });
    }],

    ...sceneChecks(ctx, 'cells', CELLS_SCENES, { wait: placed }),

    ['cells: the first screen is the grid, its legend and the controls that matter; the canvas takes the grid\'s shape', async () => {
      for (const [w, h] of [[1280, 800], [1024, 768], [1920, 1080], [360, 740]]) {
        await withPage({ width: w, height: h }, async ({ page, errors }) => {
          await openCells(ctx, page);
          const fig = await page.$eval('canvas.cells-grid', (c) => { const r = c.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, w: r.width, h: r.height }; });
          if (w >= 1024) assert(fig.top >= 0 && fig.bottom <= h, `${w}×${h}: the grid is not in the first screen ${JSON.stringify(fig)}`);
          const { cols, rows } = await gridShape(page);
          assert(cols * rows >= 10 && Math.abs(fig.h - fig.w * rows / cols) <= 2, `${w}×${h}: an empty band: ${JSON.stringify(fig)} for ${cols}×${rows}`);
          assert(await page.isVisible('.cells-legend[data-legend-for="grid"] [data-sign="full"]'), 'legend');
          assert(await page.isVisible('#cells-arch') && await page.isVisible('#cells-n'), 'the architecture and the cell count are out');
          assert(!(await page.isVisible('#cells-tenants')) && !(await page.isVisible('#cells-seed')), 'jargon behind More');
          await page.click('#cells-more-toggle');
          assert(await page.isVisible('#cells-tenants'), 'More brings them out');
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert(overflow <= 0, `${w}×${h}: scrolls sideways by ${overflow}px`);
          await page.screenshot({ path: path.join(shots, `cells-first-${w}x${h}.png`) });
          noErrors(errors, `cells first screen ${w}×${h}`);
        });
      }
      await withPage({ width: 360, height: 740 }, async ({ page, errors }) => {
        for (const q of ['&scene=a-hundred-cells', '&scene=a-bad-deploy-in-waves', '&scene=a-large-fleet', '&arch=shuffle&pick=3']) {
          await openCells(ctx, page, q);
          await placed(page);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert(overflow <= 0, `360 ${q}: scrolls sideways by ${overflow}px`);
        }
        noErrors(errors, 'cells 360');
      });
    }],

    ['cells: a picked tenant shows its workers and who shares them, kept in the link', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openCells(ctx, page, '&arch=shuffle&workers=8&shard=2&fault=units&failed=&pick=5');
        await placed(page);
        const shard = await page.$$eval('svg.cells-overlay .cells-shard', (rs) => rs.map((r) => Number(r.dataset.unit)));
        assert(shard.length === 2 && shard[0] !== shard[1], `tenant 5's two workers: ${shard}`);
        const shares = await page.$eval('.cells-legend [data-sign="shares"]', (e) => e.textContent);
        const m = await metrics(page);
        assert(shares.includes(`1: ${m['overlap-measured-1']} · 2: ${m['overlap-measured-2']}`),
          `the legend counts the tenants sharing one worker: ${shares} vs ${m['overlap-measured-1']}`);
        assert(await page.$('[data-figure="overlap"] p.note') && (await page.$eval('[data-figure="overlap"] p.note', (e) => e.textContent)).includes('tenant 5'), 'the overlap table is about tenant 5');
        await page.click('#cells-pick-big');
        await page.waitForFunction(() => !location.search.includes('pick=5') && /pick=\d+/.test(location.search), null, { timeout: 5000 });
        await page.click('#cells-pick-none');
        await page.waitForFunction(() => location.search.includes('pick=none'), null, { timeout: 5000 });
        assert((await page.$$('svg.cells-overlay .cells-shard')).length === 0, 'no shard outlined once none is picked');
        // A poison tenant's blast radius: its own workers fail, outlined as its shard.
        await openCells(ctx, page, '&arch=shuffle&workers=8&shard=2&fault=poison&poison=4&pick=none');
        await placed(page);
        const crashed = await page.$$eval('svg.cells-overlay .cells-hit', (rs) => rs.map((r) => r.dataset.unit).sort().join());
        const own = await page.$$eval('svg.cells-overlay .cells-shard', (rs) => rs.map((r) => r.dataset.unit).sort().join());
        assert(crashed && crashed === own, `the poison tenant crashes its own workers: ${crashed} vs ${own}`);
        await page.screenshot({ path: path.join(shots, 'cells-pick.png') });
        noErrors(errors, 'cells pick');
      });
    }],

    ['cells: a failure spreads box by box in under 600 ms; reduced motion shows the still', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openCells(ctx, page, '&scene=a-bad-deploy-in-waves');
        await placed(page);
        await page.waitForTimeout(700);
        const before = await page.$$eval('svg.cells-overlay .cells-hit', (rs) => rs.length);
        await page.click('#cells-replay');
        await page.waitForSelector('svg.cells-overlay .cells-spark');
        const ends = await page.evaluate(() => document.getAnimations()
          .filter((a) => a.effect && a.effect.target && a.effect.target.closest && a.effect.target.closest('svg.cells-overlay'))
          .map((a) => a.effect.getComputedTiming().endTime));
        assert(ends.length >= 3, `too few moving parts: ${ends.length}`);
        assert(Math.max(...ends) < 600, `the spread takes ${Math.max(...ends)} ms`);
        const to = await page.$eval('svg.cells-overlay .cells-spread', (g) => g.dataset.to);
        assert(to === '0 1 2' && before === 3, `the canary, then the wave, in order: ${to}`);
        noErrors(errors, 'cells motion');
      });
      await withPage({ reducedMotion: 'reduce' }, async ({ page, errors }) => {
        await openCells(ctx, page, '&scene=a-bad-deploy-in-waves');
        await placed(page);
        const running = await page.evaluate(() => document.getAnimations().length);
        assert(running === 0, `${running} animations under reduced motion`);
        assert(await page.$eval('svg.cells-overlay .cells-trail', (t) => getComputedStyle(t).display !== 'none' && t.getTotalLength() > 100), 'no still trail');
        assert((await page.$$('svg.cells-overlay .cells-hit')).length === 3, 'every box reached is outlined');
        assert(!(await page.isVisible('svg.cells-overlay .cells-spark')), 'no spark under reduced motion');
        noErrors(errors, 'cells still');
      });
    }],

    ['cells: the down arrow steps the deploy a wave at a time and the chart reaches zero when all are healthy', async () => {
      await withPage({ width: 1280, height: 800 }, async ({ page, errors }) => {
        await page.goto(`${ctx.sub.base}?view=cells&present=1&scene=a-bad-deploy-in-waves`);
        await page.waitForSelector('.widget.slide .tour-card');
        await page.waitForSelector('[data-metric="minute"]', { state: 'attached' });
        const minute = () => Number(new URL(page.url()).searchParams.get('minute'));
        const healthy = await num(page, 'healthy-at');
        const detected = await num(page, 'detected-at');
        assert(minute() === 35, `the scene's minute: ${minute()}`);
        await page.keyboard.press('ArrowDown');
        await page.waitForFunction((d) => Number(new URL(location.href).searchParams.get('minute')) === d, detected, { timeout: 5000 });
        await page.keyboard.press('ArrowDown');
        await page.waitForFunction((d) => Number(new URL(location.href).searchParams.get('minute')) === d, healthy, { timeout: 5000 });
        await page.waitForFunction(() => document.querySelector('[data-metric="traffic-lost"]').dataset.value === '0');
        await page.keyboard.press('ArrowUp');
        await page.waitForFunction((d) => Number(new URL(location.href).searchParams.get('minute')) === d, detected, { timeout: 5000 });
        assert(await page.$('.tour-card[data-scene="a-bad-deploy-in-waves"]'), 'the scene stays');
        noErrors(errors, 'cells deploy keys');
      });
    }],

    ['cells: what isolation costs follows the architecture shown', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openCells(ctx, page, '&arch=shuffle&workers=8&shard=3&fault=poison');
        await page.waitForSelector('[data-figure="cost"][data-arch="shuffle"] #cells-shard-cost-chart');
        assert(!(await page.$('#cells-radius-chart')), 'no cell-count chart in shuffle mode');
        assert(!(await page.$('#cells-overhead')), 'no per-cell overhead in shuffle mode');
        const note = await page.$eval('[data-figure="cost"] p.note', (e) => e.textContent);
        assert(note.includes('The 8 workers'), `the note names the workers: ${note}`);
        await page.selectOption('#cells-arch', 'cells');
        await page.waitForSelector('[data-figure="cost"][data-arch="cells"] #cells-radius-chart');
        assert(!(await page.$('#cells-shard-cost-chart')), 'no shard chart for cells');
        await page.selectOption('#cells-arch', 'shared');
        await page.waitForSelector('[data-figure="cost"][data-arch="shared"] p.note');
        noErrors(errors, 'cells cost');
      });
    }],
  ];
}
