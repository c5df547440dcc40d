// Browser tests of the cell blast radius widget. `ctx` carries the shared
// helpers of run.mjs (server, page factory, assertions).

import path from 'node:path';
import { ready, metrics, assert } from './harness.mjs';

export async function openCells(ctx, page, query = '') {
  await page.goto(`${ctx.sub.base}?view=cells${query}`);
  await ready(page);
  await page.waitForSelector('canvas.cells-grid');
  await page.waitForSelector('[data-metric="tenant-share"]');
}

/// Clicks the middle of unit `u` in the grid (the layout mirrors src/ui/cells_grid.rs).
async function clickUnit(page, units, u) {
  const box = await page.$eval('canvas.cells-grid', (c) => ({ w: c.clientWidth, h: c.clientHeight }));
  let best = [1, units, 0];
  for (let cols = 1; cols <= units; cols++) {
    const rows = Math.ceil(units / cols);
    const side = Math.min(box.w / cols, box.h / rows);
    if (side > best[2]) best = [cols, rows, side];
  }
  const [cols, , side] = best;
  await page.click('canvas.cells-grid', { position: { x: (u % cols + 0.5) * side, y: (Math.floor(u / cols) + 0.5) * side } });
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
        const at = await num(page, 'minute');
        await page.click('#cells-step');
        assert(await num(page, 'minute') === at + 1, 'step forward');
        await page.click('#cells-back');
        await page.click('#cells-back');
        assert(await num(page, 'minute') === at - 1, 'step back');
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
  ];
}
