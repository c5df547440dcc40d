// Browser tests of the cache eviction widget. `ctx` carries the shared helpers
// of run.mjs (server, page factory, assertions).

import path from 'node:path';
import { ready, metrics, assert } from './harness.mjs';
import { sceneChecks } from './scenes.mjs';

/// The cache's scenes: name, the figure it brings into view, and a selector
/// for what it highlights (checked present).
export const CACHE_SCENES = [
  ['lru-and-fifo', 'step', '.step-figure.mark-evicted .evicted .slot.gone'],
  ['opt', 'step', '.step-figure.mark-evicted .evicted .slot.gone'],
  ['clock-and-sieve', 'step', '.step-figure.mark-hand .slot.hand .slot-hand'],
  ['zipf', 'compare', '.cache-chart.marking[data-highlight="lru,lfu,opt"]'],
  ['scans', 'compare', 'table.policy-table.marking tr.marked[data-policy="s3fifo"]'],
  ['loop', 'compare', '.cache-chart.marking[data-highlight="lru,fifo,random,opt"]'],
  ['hotspot-moves', 'compare', 'table.policy-table.marking tr.marked[data-policy="lfu"]'],
];

/// The drawing of a figure block: step mode's two columns, compare mode's chart.
function cacheDrawing(figure) {
  return figure === 'step' ? '[data-figure="step"] .step-columns' : '[data-figure="compare"] canvas';
}

/// Waits until compare mode, if on screen, has run every simulation.
async function cacheCaughtUp(page) {
  await page.waitForFunction(() => {
    const o = document.querySelector('[data-metric="jobs-done"]');
    return !o || (Number(o.dataset.total) > 0 && o.dataset.value === o.dataset.total);
  }, null, { timeout: 60000 });
}

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
    ...sceneChecks(ctx, 'cache', CACHE_SCENES, { wait: cacheCaughtUp, drawn: cacheDrawing }),

    ['cache: the first screen is the figure and its controls, on laptops, projectors and a phone', async () => {
      for (const [w, h] of [[1280, 800], [1024, 768], [1920, 1080], [360, 740]]) {
        await withPage({ width: w, height: h }, async ({ page, errors }) => {
          await openCache(ctx, page);
          const box = (s) => page.$eval(s, (e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, right: r.right }; });
          const cols = await box('[data-figure="step"] .step-columns');
          assert(cols.top < h * 0.75, `${w}×${h}: the lanes start at ${cols.top}px`);
          const play = await box('#cache-step');
          assert(play.bottom <= h, `${w}×${h}: the step button is below the first screen`);
          // The two policies stay side by side, even on a phone.
          const [a, b] = await page.$$eval('.step-column', (cs) => cs.map((c) => c.getBoundingClientRect().top));
          assert(Math.abs(a - b) < 2, `${w}×${h}: the columns are stacked`);
          assert(!(await page.isVisible('#cache-alpha')) && !(await page.isVisible('#cache-seed')), 'jargon controls out of sight');
          assert(await page.isVisible('#cache-more-toggle'), 'a way to the other workload settings');
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert(overflow <= 0, `${w}×${h}: the page scrolls sideways by ${overflow}px`);
          noErrors(errors, `first screen ${w}×${h}`);
        });
      }
      await withPage({ width: 1280, height: 800 }, async ({ page, errors }) => {
        await openCache(ctx, page, '&mode=compare&work=zipf&reqs=10000&keys=1000');
        const top = await page.$eval('[data-figure="compare"] canvas', (e) => e.getBoundingClientRect().top);
        assert(top < 800 * 0.6, `the chart starts at ${top}px`);
        noErrors(errors, 'compare first screen');
      });
    }],

    ['cache: step mode colours each policy\'s named row of hits and misses; the evicted entry and the new one are marked', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openCache(ctx, page, '&left=lru&right=fifo&at=10');
        const rows = await page.$$eval('.hit-table tr[data-side]', (rs) => rs.map((r) => ({
          name: r.querySelector('th').textContent,
          hits: r.querySelectorAll('td.hit').length,
          misses: r.querySelectorAll('td.miss').length,
          colours: [...new Set([...r.querySelectorAll('td.hit, td.miss')].map((c) => getComputedStyle(c).backgroundColor))].length,
        })));
        assert(rows.length === 2 && rows[0].name === 'LRU' && rows[1].name === 'FIFO', `rows ${JSON.stringify(rows)}`);
        assert(rows[0].hits === await num(page, 'hits-left') && rows[0].hits + rows[0].misses === 10, `LRU row ${JSON.stringify(rows[0])}`);
        assert(rows[1].hits === await num(page, 'hits-right'), `FIFO row ${JSON.stringify(rows[1])}`);
        assert(rows.every((r) => r.colours === 2), 'hits and misses in two colours');
        const cell = await page.$eval('.hit-table td.hm.miss', (c) => c.getBoundingClientRect());
        assert(cell.width >= 28 && cell.height >= 24, `cells ${cell.width}×${cell.height}`);
        // The next step: the victim is lifted out and the new key drops in, within 600 ms;
        // then the victim stands beside "Evicted" and the newcomer is tagged.
        await page.click('#cache-step');
        await page.waitForFunction(() => document.querySelector('[data-caption="left"]').textContent.startsWith('Request 11'), null, { timeout: 5000 });
        const moving = await page.evaluate(() => document.getAnimations()
          .filter((a) => a.effect.target.closest('#lanes-left'))
          .map((a) => [a.animationName, a.effect.getComputedTiming().duration]));
        const named = (n) => moving.find((m) => m[0] === n);
        assert(named('cache-enter') && named('cache-leave'), `animations on the step: ${JSON.stringify(moving)}`);
        assert(moving.every((m) => m[1] <= 600), `an animation is slower than 600 ms: ${JSON.stringify(moving)}`);
        await page.waitForFunction(() => document.getAnimations().length === 0, null, { timeout: 2000 });
        assert(await page.isVisible('#lanes-left .evicted .slot.gone') && await page.isVisible('#lanes-left .slot.inserted'), 'no before/after');
        noErrors(errors, 'hit rows');
      });
      await withPage({ reducedMotion: 'reduce' }, async ({ page, errors }) => {
        await openCache(ctx, page, '&left=lru&right=fifo&at=10');
        const running = await page.evaluate(() => document.getAnimations().length);
        assert(running === 0, `${running} animations under reduced motion`);
        // The still: the victim beside "Evicted", the newcomer tagged in its lane.
        assert(await page.isVisible('#lanes-left .evicted .slot.gone'), 'no evicted entry');
        assert(await page.isVisible('#lanes-left .slot.inserted .slot-tag'), 'no new entry');
        noErrors(errors, 'still');
      });
    }],

    ['cache: CLOCK\'s hand is drawn, named and moves; the struck-out key reads in the dark theme', async () => {
      await withPage({ colorScheme: 'dark' }, async ({ page, errors }) => {
        await openCache(ctx, page, '&seq=A+B+C+A+D+A+E+B+A+F&slots=3&left=fifo&right=clock&at=4');
        const where = () => page.$eval('#lanes-right .slot.hand', (e) => e.dataset.key);
        const x = () => page.$eval('#lanes-right .slot-hand', (e) => e.getBoundingClientRect().x);
        const before = await where();
        const leftAt = await x();
        assert((await page.$eval('#lanes-right .slot-hand', (e) => e.textContent)).includes('hand'), 'the hand is named');
        await page.click('#cache-step');
        await page.waitForFunction((b) => document.querySelector('#lanes-right .slot.hand')?.dataset.key !== b, before, { timeout: 5000 });
        // It travels from the box it left to its new box, not appearing there at once.
        const startsAt = await x();
        await page.waitForFunction(() => document.getAnimations().length === 0, null, { timeout: 2000 });
        const endsAt = await x();
        assert(Math.abs(startsAt - leftAt) < Math.abs(endsAt - leftAt), `the hand jumped: left ${leftAt}, first drawn at ${startsAt}, ends at ${endsAt}`);
        const gone = await page.$eval('#lanes-right .evicted .slot.gone', (e) => {
          const s = getComputedStyle(e);
          return { opacity: Number(s.opacity), thick: s.textDecorationThickness };
        });
        assert(gone.opacity === 1, `the struck-out key is faded: ${gone.opacity}`);
        noErrors(errors, 'hand');
      });
    }],

    ['cache: compare mode shows the point of a preset in the figure, lines named where they end', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openCache(ctx, page, '&mode=compare&work=zipf&reqs=10000&keys=1000');
        await allRuns(page);
        await page.click('.compare-panel .preset[data-preset="2"]');
        await page.waitForFunction(() => location.search.includes('work=scan'), null, { timeout: 5000 });
        await allRuns(page);
        // The scan story: LRU's loss against ARC, S3-FIFO and SIEVE, drawn on
        // top with the others faded, and said under the chart from the runs.
        assert(await page.$('.cache-chart.marking[data-highlight="lru,arc,s3fifo,sieve"]'), 'the scan preset highlights its policies');
        const m = await metrics(page);
        const worst = Math.min(...['arc', 's3fifo', 'sieve'].map((k) => Number(m[`hit-${k}`])));
        assert(worst > Number(m['hit-lru']), `LRU ${m['hit-lru']} not below ${worst}`);
        const story = await page.$eval('.cache-story', (e) => e.textContent);
        assert(story.includes('points below'), `story: ${story}`);
        // The chart points at the same gap with a bracket named like the story's.
        const gap = await page.$eval('.cache-chart', (e) => e.dataset.gap);
        assert(gap && story.includes(`${gap} below`), `chart gap "${gap}", story: ${story}`);
        // Names at the lines' ends take the chart's right margin: some of its
        // pixels there are coloured.
        const coloured = await page.$eval('#cache-chart', (c) => {
          const ctx2 = c.getContext('2d');
          const d = ctx2.getImageData(Math.round(c.width * 0.88), 0, Math.round(c.width * 0.12), c.height).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4) if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 80) n++;
          return n;
        });
        assert(coloured > 50, `no line names at the right edge (${coloured} coloured pixels)`);
        await page.screenshot({ path: path.join(shots, 'cache-compare-scan.png') });
        noErrors(errors, 'compare story');
      });
    }],

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
        await page.click('.hit-table .req-row td:nth-of-type(2) button');
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
        await page.click('#cache-more-toggle');
        await page.click('details.import summary');
        await page.fill('#cache-paste', 'time,key\n1,a\n2,b\n3\n4,a\n5,c\n');
        await page.click('#cache-use-paste');
        await page.waitForFunction(() => location.search.includes('work=import'), null, { timeout: 5000 });
        // Once parsed, the pasted text leaves the page: nothing keeps it.
        assert(await page.$eval('#cache-paste', (t) => t.value) === '', 'the paste box still holds the text');
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
