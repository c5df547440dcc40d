// Browser tests of the cache eviction widget. `ctx` carries the shared helpers
// of run.mjs (server, page factory, assertions).

import path from 'node:path';
import { ready, metrics, assert } from './harness.mjs';

export async function openCache(ctx, page, query = '') {
  await page.goto(`${ctx.sub.base}?view=cache${query}`);
  await ready(page);
  await page.waitForSelector('.cache-widget');
}

/// Waits until compare mode has run every simulation.
export async function allRuns(page, timeout = 60000) {
  await page.waitForFunction(() => {
    const o = document.querySelector('[data-metric="jobs-done"]');
    return o && Number(o.dataset.total) > 0 && o.dataset.value === o.dataset.total;
  }, null, { timeout });
}

export function cacheTests(ctx) {
  const { withPage, noErrors, setRange, shots } = ctx;
  const num = async (page, metric) => Number(await page.$eval(`[data-metric="${metric}"]`, (e) => e.dataset.value));
  return [
    ['cache: step mode walks Belady\'s string forward and back', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openCache(ctx, page);
        assert((await page.$$('#lanes-left .slot.empty')).length === 3, 'three empty slots before any request');
        for (let i = 0; i < 4; i++) await page.click('#cache-step');
        await page.waitForFunction(() => location.search.includes('at=4'), null, { timeout: 5000 });
        const caption = await page.$eval('[data-caption="left"]', (e) => e.textContent);
        assert(caption.startsWith('Request 4: D: miss, evicted A'), `caption: ${caption}`);
        assert((await page.$$('#lanes-left .slot.inserted')).length === 1, 'the new key is marked');
        await page.selectOption('#cache-speed', '4');
        await page.click('#cache-play');
        await page.waitForFunction(() => document.querySelector('#cache-at').value === '12', null, { timeout: 15000 });
        // Belady's string with three slots: LRU misses 10 times, OPT 7.
        assert(await num(page, 'hits-left') === 2, 'LRU hits');
        assert(await num(page, 'hits-right') === 5, 'OPT hits');
        await page.screenshot({ path: path.join(shots, 'cache-step.png'), fullPage: true });
        await page.click('#cache-back');
        assert(await page.$eval('#cache-at', (e) => e.value) === '11', 'step back');
        await page.click('.req-strip li:nth-child(2) button');
        assert(await num(page, 'hits-left') === 0, 'jumped to request 2');
        await page.selectOption('#cache-right', 'clock');
        await page.waitForFunction(() => location.search.includes('right=clock'), null, { timeout: 5000 });
        assert((await page.$$('#lanes-right .slot-mark')).length === 2, 'CLOCK shows reference bits');
        await page.click('.step-panel .preset[data-preset="1"]');
        await page.click('#cache-play');
        await page.waitForFunction(() => document.querySelector('#cache-at').value === '12', null, { timeout: 15000 });
        assert(await num(page, 'hits-left') === 0, 'LRU never hits a loop one longer than the cache');
        assert(await num(page, 'hits-right') > 0, 'OPT does');
        noErrors(errors, 'step mode');
      });
    }],

    ['cache: compare mode runs every policy and agrees with Che', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openCache(ctx, page, '&mode=compare&work=zipf&alpha=1&keys=10000&reqs=100000&cap=100');
        await allRuns(page);
        const m = await metrics(page);
        const lru = Number(m['hit-lru']);
        const che = Number(m['theory-lru']);
        assert(Math.abs(lru - che) < 0.03, `LRU ${lru} vs Che ${che}`);
        const opt = Number(m['hit-opt']);
        for (const k of ['lru', 'lfu', 'fifo', 'clock', 'random', 'sieve', 's3fifo', 'arc']) {
          assert(Number(m[`hit-${k}`]) <= opt + 1e-12, `${k} beats OPT`);
        }
        assert(Math.abs(Number(m['load-lru']) - (1 - lru) * 1000) < 1e-6, 'backing load at 1000 req/s');
        await page.screenshot({ path: path.join(shots, 'cache-compare.png'), fullPage: true });
        // A slider restarts the runs; the page stays usable while they go.
        await setRange(page, 'cache-cap', await page.$eval('#cache-cap', (e) => Number(e.max) * 0.75));
        await allRuns(page);
        assert(Number((await metrics(page))['hit-lru']) > lru, 'a larger cache hits more');
        await page.click('#pick-opt');
        await page.waitForFunction(() => !/policies=[^&]*opt/.test(location.search), null, { timeout: 5000 });
        assert(!(await page.$('[data-metric="hit-opt"]')), 'OPT left the table');
        noErrors(errors, 'compare mode');
      });
    }],

    ['cache: a pasted trace with a malformed line is kept minus that line', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openCache(ctx, page, '&mode=compare');
        await page.click('details.import summary');
        await page.fill('#cache-paste', 'time,key\n1,a\n2,b\n3\n4,a\n5,c\n');
        await page.click('#cache-use-paste');
        await page.waitForFunction(() => location.search.includes('work=import'), null, { timeout: 5000 });
        assert(await num(page, 'import-kept') === 4, 'four requests kept');
        const problems = await page.$$eval('.import-report .problems li', (ls) => ls.map((l) => l.textContent));
        assert(problems.length === 1 && problems[0].includes('line 4'), `problems: ${problems}`);
        assert(await page.$('.share-note'), 'the share note says the trace stays here');
        assert(await num(page, 'requests') === 4, 'the widget uses the trace');
        await allRuns(page);
        noErrors(errors, 'import');
      });
      // A link naming an imported trace says it cannot carry it.
      await withPage({}, async ({ page, errors }) => {
        await openCache(ctx, page, '&mode=compare&work=import');
        const params = await page.$$eval('.notice', (ns) => ns.map((n) => n.dataset.param));
        assert(params.includes('work'), `notice for work: ${params}`);
        noErrors(errors, 'import link');
      });
    }],

    ['cache: a deep link restores the step; a malformed one shows notices', async () => {
      let link; let seen;
      await withPage({}, async ({ page }) => {
        await openCache(ctx, page, '&seq=x%20y%20z%20x%20w%20y%20x&slots=2&left=lfu&right=arc&at=5');
        await page.waitForSelector('#lanes-right .cache-lane');
        link = page.url();
        seen = await page.$eval('.step-panel', (e) => e.innerText);
      });
      await withPage({}, async ({ page, errors }) => {
        await page.goto(link);
        await ready(page);
        await page.waitForSelector('#lanes-right .cache-lane');
        const got = await page.$eval('.step-panel', (e) => e.innerText);
        assert(got === seen, `step differs:\n${seen}\n---\n${got}`);
        assert((await page.$$('.notice')).length === 0, 'no notices');
        noErrors(errors, 'cache deep link');
      });
      await withPage({}, async ({ page, errors }) => {
        await openCache(ctx, page, '&slots=99&left=nope&seq=%24%24&work=moon&policies=lru,zz');
        const params = await page.$$eval('.notice', (ns) => ns.map((n) => n.dataset.param));
        for (const p of ['slots', 'left', 'seq', 'work', 'policies']) assert(params.includes(p), `no notice for ${p}: ${params}`);
        assert(await page.$eval('#cache-slots', (e) => e.value) === '16', 'slots clamped');
        noErrors(errors, 'cache malformed');
      });
    }],

    ['cache: a million-request trace follows α once the slider is still', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openCache(ctx, page, '&mode=compare&work=zipf&alpha=1&keys=100000&reqs=1000000&cap=1000&policies=lru');
        await allRuns(page, 120000);
        assert(await num(page, 'requests') === 1000000, 'a million requests');
        const che = await num(page, 'theory-lru');
        assert(!(await page.$eval('#cache-updating', (e) => e.textContent)).includes('Updating'), 'settled after loading');
        // A drag: several inputs in a row. The trace is not drawn again for each.
        for (const a of [0.9, 0.8, 0.7]) await setRange(page, 'cache-alpha', a);
        assert((await page.$eval('#cache-updating', (e) => e.textContent)).includes('Updating'), 'says it is updating while the slider moves');
        await page.waitForFunction(() => location.search.includes('alpha=0.7'), null, { timeout: 5000 });
        await page.waitForFunction(() => !document.querySelector('#cache-updating').textContent.includes('Updating'), null, { timeout: 15000 });
        await allRuns(page, 120000);
        // The new trace is α = 0.7's: less skew, fewer hits, and LRU still agrees with Che.
        const m = await metrics(page);
        assert(Number(m['theory-lru']) < che - 0.05, `Che at α = 0.7 (${m['theory-lru']}) below α = 1 (${che})`);
        assert(Math.abs(Number(m['hit-lru']) - Number(m['theory-lru'])) < 0.03, `LRU ${m['hit-lru']} vs Che ${m['theory-lru']}`);
        noErrors(errors, 'cache settle');
      });
    }],
  ];
}
