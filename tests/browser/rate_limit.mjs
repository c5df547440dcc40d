// Browser tests of the rate-limiter widget. `ctx` carries the shared helpers
// of run.mjs (server, page factory, assertions).

import path from 'node:path';
import { ready, metrics, assert } from './harness.mjs';

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
    ['rate limit: six lanes, and the boundary attack doubles only the fixed window', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openRate(ctx, page);
        const h = await page.$eval('canvas.lanes', (c) => c.getBoundingClientRect().height);
        assert(h > 6 * 80, `lanes canvas ${h}px for six lanes`);
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
