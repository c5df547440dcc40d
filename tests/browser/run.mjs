// Browser tests: the built app (dist/) served by a plain static server under a
// sub-path, driven in Debian's headless Chromium. Screenshots go to
// target/screenshots/ for a person to look at.
//
//   node tests/browser/run.mjs            (after `trunk build --release`)
//   ONLY=deep node tests/browser/run.mjs  (tests whose name contains "deep")
//   DIST=other node tests/browser/run.mjs (a build in another folder)

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, openPage, ready, metrics, assert, run } from './harness.mjs';
import { cacheTests, openCache, allRuns } from './cache.mjs';
import { rateTests, openRate } from './rate_limit.mjs';
import { cellsTests, openCells } from './cells.mjs';
import { queueTests, openQueue } from './queue.mjs';
import { embedTests } from './embed.mjs';
import { hostsTests, serveHosts } from './hosts.mjs';
import { recipeTests, recipePages } from './recipes.mjs';
import { exportTests } from './export.mjs';
import { talkTests } from './talk.mjs';
import { offlineTests } from './offline.mjs';
import { pagesTests } from './pages.mjs';
import { bundleTests } from './bundles.mjs';
import { fuzzTests } from './fuzz.mjs';
import { scenesTests } from './scenes.mjs';
import { articleTests } from './article.mjs';
import { quorumTests, chartSettled, openQuorum as openQuorumPage } from './quorum.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.resolve(process.env.DIST || path.join(root, 'dist'));
const shots = path.join(root, 'target', 'screenshots');
fs.mkdirSync(shots, { recursive: true });
assert(fs.existsSync(path.join(dist, 'index.html')), `${dist}/index.html missing: run trunk build --release first`);

const sub = await serve(dist, '/dials/');
const top = await serve(dist, '/');
// Host pages on another origin, embedding the app served under /dials/.
const hosts = await serveHosts(sub.base, await recipePages(), dist);
const browser = await launch();
const axeSource = fs.readFileSync(path.join(root, 'tests/browser/node_modules/axe-core/axe.min.js'), 'utf8');

async function withPage(opts, fn) {
  const p = await openPage(browser, opts);
  try { return await fn(p); } finally { await p.context.close(); }
}

async function openRing(page, query = '') {
  await page.goto(`${sub.base}?view=ring${query}`);
  await ready(page);
  await page.waitForSelector('svg.ring .marker');
  await page.waitForSelector('[data-metric="compare-ring-moved-share"]');
  await settled(page);
}

/// The quorum page with its idle-built panels, as the quorum tests open it.
function openQuorum(page, query = '') {
  return openQuorumPage({ sub }, page, query);
}

/// Waits until the delayed figures ("what moved" and the comparison) have caught up.
async function settled(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('#moves-updating, #compare-updating')]
    .every((e) => !e.textContent.includes('Updating')), null, { timeout: 10000 });
}

function noErrors(errors, what) {
  assert(errors.length === 0, `${what}: console errors: ${errors.join(' | ')}`);
}

function onlyLocal(requests) {
  const foreign = requests.filter((u) => !u.startsWith('http://127.0.0.1:') && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert(foreign.length === 0, `requests to other hosts: ${foreign.join(', ')}`);
}

async function setRange(page, id, value) {
  await page.$eval(`#${id}`, (el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

/// What the ring shows: the markers' SVG and the painted canvas's pixels
/// (the same expression is repeated in the wait below).
async function svgSnapshot(page) {
  return page.evaluate(() => {
    const s = document.querySelector('svg.ring');
    return s.innerHTML.length + ':' + s.innerHTML.slice(0, 2000) + ':' + document.querySelector('canvas.ring-canvas').toDataURL();
  });
}

async function axeCheck(page, what) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, n: v.nodes.length, help: v.help }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert(bad.length === 0, `${what}: axe found ${JSON.stringify(bad)}`);
  return result;
}

const tests = [
  ['gallery loads with no console error and lists every widget', async () => {
    await withPage({}, async ({ page, errors, requests }) => {
      await page.goto(sub.base);
      await ready(page);
      const cards = await page.$$eval('.card', (cs) => cs.map((c) => c.dataset.widget));
      assert(cards.length === 6, `cards: ${cards}`);
      assert(await page.$('.card[data-widget="ring"] a'), 'ring card has no link');
      assert(await page.$('.card[data-widget="quorum"] a'), 'quorum card has no link');
      assert(await page.$('.card[data-widget="cache"] a'), 'cache card has no link');
      assert(await page.$('.card[data-widget="rate-limit"] a'), 'rate-limit card has no link');
      assert(await page.$('.card[data-widget="cells"] a'), 'cells card has no link');
      assert(await page.$('.card[data-widget="queue"] a'), 'queue card has no link');
      assert((await page.$$('.card.coming')).length === 0, 'coming cards');
      // Numbered in the suggested order, each with its picture drawn.
      const steps = await page.$$eval('.card .card-step', (ss) => ss.map((s) => s.textContent.trim()));
      assert(steps.join(' ') === '1. 2. 3. 4. 5. 6.', `steps: ${steps}`);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForFunction(() => [...document.querySelectorAll('.card-preview')]
        .every((i) => i.complete && i.naturalWidth > 0), null, { timeout: 10000 });
      const previews = await page.$$eval('.card-preview', (is) => is.map((i) => new URL(i.src).pathname));
      assert(previews.length === 6 && previews.every((p) => /\/previews\/[a-z-]+\.svg$/.test(p)), `previews: ${previews}`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(shots, 'gallery-light.png'), fullPage: true });
      noErrors(errors, 'gallery');
      onlyLocal(requests);
    });
  }],

  ['gallery link opens the ring, back returns', async () => {
    await withPage({}, async ({ page, errors }) => {
      await page.goto(sub.base);
      await ready(page);
      await page.click('.card[data-widget="ring"] a');
      await page.waitForSelector('svg.ring');
      assert(page.url().includes('view=ring'), `url ${page.url()}`);
      await page.goBack();
      await page.waitForSelector('.gallery');
      noErrors(errors, 'navigation');
    });
  }],

  ['ring widget loads with readouts and no console error', async () => {
    await withPage({}, async ({ page, errors, requests }) => {
      await openRing(page);
      const m = await metrics(page);
      for (const k of ['moved-count', 'moved-share', 'ideal-moved-share', 'modn-moved-share', 'modn-expected-moved-share',
        'max-over-mean', 'std-over-mean', 'expected-std-over-mean', 'compare-hrw-moved-share', 'compare-bounded-max-over-mean']) {
        assert(k in m, `missing metric ${k}`);
      }
      assert(Math.abs(Number(m['ideal-moved-share']) - 0.2) < 1e-9, `ideal ${m['ideal-moved-share']}`);
      assert(Math.abs(Number(m['modn-expected-moved-share']) - 0.8) < 1e-9, 'mod n closed form');
      assert(Math.abs(Number(m['modn-moved-share']) - 0.8) < 0.05, 'mod n measured near closed form');
      assert((await page.$$('svg.ring .marker')).length === 5, 'five markers');
      // The load chart drew something: some pixels differ from the background.
      const painted = await page.$eval('#ring-load-chart', (c) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] !== d[0] || d[i + 1] !== d[1]) n++;
        return n;
      });
      assert(painted > 1000, `chart looks empty (${painted} pixels)`);
      await page.screenshot({ path: path.join(shots, 'ring-light-1280.png'), fullPage: true });
      await page.screenshot({ path: path.join(shots, 'ring-viewport.png') });
      noErrors(errors, 'ring');
      onlyLocal(requests);
    });
  }],

  ['every slider changes the diagram and the readouts', async () => {
    await withPage({}, async ({ page, errors }) => {
      await openRing(page);
      const moves = [['ring-nodes', 9], ['ring-vnodes', 200], ['ring-keys', 230], ['ring-rf', 5], ['ring-key', 17]];
      for (const [id, pos] of moves) {
        const svg0 = await svgSnapshot(page);
        const m0 = JSON.stringify(await metrics(page));
        await setRange(page, id, pos);
        await page.waitForFunction(([s0]) => {
          const s = document.querySelector('svg.ring');
          const now = s.innerHTML.length + ':' + s.innerHTML.slice(0, 2000) + ':' + document.querySelector('canvas.ring-canvas').toDataURL();
          return now !== s0;
        }, [svg0], { timeout: 5000 }).catch(() => { throw new Error(`${id}: diagram did not change`); });
        if (id !== 'ring-rf' && id !== 'ring-key') {
          await page.waitForFunction((m) => JSON.stringify(Object.fromEntries([...document.querySelectorAll('[data-metric]')]
            .map((e) => [e.dataset.metric, e.dataset.value]))) !== m, m0, { timeout: 5000 })
            .catch(() => { throw new Error(`${id}: readouts did not change`); });
        }
      }
      // The slack only changes the bounded-loads row of the comparison.
      const b0 = (await metrics(page))['compare-bounded-max-over-mean'];
      await setRange(page, 'ring-eps', 1.0);
      await page.waitForFunction((b) => document.querySelector('[data-metric="compare-bounded-max-over-mean"]').dataset.value !== b, b0, { timeout: 5000 });
      // Keyboard: arrows move a focused slider.
      await page.focus('#ring-nodes');
      const n0 = await page.$eval('#ring-nodes', (e) => e.value);
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((n) => document.querySelector('#ring-nodes').value !== n, n0);
      noErrors(errors, 'sliders');
    });
  }],

  ['add and remove a node', async () => {
    await withPage({}, async ({ page, errors }) => {
      await openRing(page, '&nodes=4&vnodes=50&keys=5000&change=none');
      assert((await page.$$('svg.ring .marker')).length === 4, 'four markers');
      await page.click('#ring-add');
      await page.waitForFunction(() => document.querySelectorAll('svg.ring .marker').length === 5);
      await settled(page);
      let m = await metrics(page);
      assert(Number(m['moved-count']) > 0, 'add moved nothing');
      assert(Math.abs(Number(m['ideal-moved-share']) - 0.2) < 1e-9, 'ideal after add is 1/5');
      assert(Math.abs(Number(m['moved-share']) - 0.2) < 0.1, `moved ${m['moved-share']}`);
      assert((await page.textContent('.change-label')).includes('N4 joined'), 'change label after add');
      assert((await page.$$('svg.ring .moved')).length > 0, 'moved keys are drawn');
      // Click a node on the ring, then remove it.
      await page.click('svg.ring .marker[data-node="1"]');
      await page.waitForSelector('#ring-remove');
      await page.click('#ring-remove');
      await page.waitForFunction(() => document.querySelectorAll('svg.ring .marker').length === 4);
      await settled(page);
      m = await metrics(page);
      assert(m['removed-share'] !== '' && Number(m['moved-share']) === Number(m['removed-share']), 'a removal moves exactly the removed node\'s keys');
      assert((await page.textContent('.change-label')).includes('N1 was removed'), 'change label after removal');
      noErrors(errors, 'add/remove');
    });
  }],

  ['hovering a node fades the others on the ring, leaving restores it', async () => {
    await withPage({}, async ({ page, errors }) => {
      await openRing(page, '&nodes=4&vnodes=50&keys=2000&change=none');
      const pixels = () => page.$eval('canvas.ring-canvas', (c) => c.toDataURL());
      const before = await pixels();
      await page.hover('svg.ring .marker[data-node="2"] circle');
      await page.waitForFunction((p) => document.querySelector('canvas.ring-canvas').toDataURL() !== p, before, { timeout: 5000 });
      const rule = await page.$eval('.ring-figure', (f) => f.previousElementSibling && f.previousElementSibling.textContent);
      assert(rule && rule.includes('data-node="2"'), `marker rule: ${rule}`);
      // Fewer saturated pixels while the others are faded towards the grey ring.
      const ink = () => page.$eval('canvas.ring-canvas', (c) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3] > 200 && Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 80) n++;
        }
        return n;
      });
      const faded = await ink();
      await page.mouse.move(2, 2);
      await page.waitForFunction((p) => document.querySelector('canvas.ring-canvas').toDataURL() === p, before, { timeout: 5000 });
      const full = await ink();
      assert(faded < full * 0.7, `faded ${faded} vs full ${full}`);
      noErrors(errors, 'hover');
    });
  }],

  ['a deep link restores exactly what the sender saw', async () => {
    let link; let seen;
    await withPage({}, async ({ page, errors }) => {
      await openRing(page, '&nodes=7&vnodes=30&keys=3000&seed=9');
      await page.click('#ring-add');
      await page.click('svg.ring .marker[data-node="2"]');
      await page.waitForSelector('#ring-weight');
      await setRange(page, 'ring-weight', 2.5);
      await setRange(page, 'ring-rf', 4);
      await page.waitForFunction(() => location.search.includes('rf=4') && location.search.includes('weights=2:2.5'), null, { timeout: 5000 });
      await settled(page);
      link = page.url();
      seen = await metrics(page);
      noErrors(errors, 'sender');
    });
    await withPage({}, async ({ page, errors }) => {
      await page.goto(link);
      await ready(page);
      await page.waitForSelector('[data-metric="compare-ring-moved-share"]');
      await settled(page);
      const got = await metrics(page);
      assert(JSON.stringify(got) === JSON.stringify(seen), `metrics differ:\n${JSON.stringify(seen)}\n${JSON.stringify(got)}`);
      assert(await page.$eval('#ring-nodes', (e) => e.value) === '8', 'nodes slider');
      assert(await page.$eval('#ring-rf', (e) => e.value) === '4', 'rf slider');
      assert((await page.$$('.notice')).length === 0, 'no notices for a link the app wrote');
      noErrors(errors, 'receiver');
    });
  }],

  ['a malformed link shows notices and safe values', async () => {
    await withPage({}, async ({ page, errors }) => {
      await openRing(page, '&nodes=500&vnodes=abc&keys=-4&seed=x&down=1,zz&change=warp&bogus=1');
      const params = await page.$$eval('.notice', (ns) => ns.map((n) => n.dataset.param));
      for (const p of ['nodes', 'vnodes', 'keys', 'seed', 'down', 'change', 'bogus']) {
        assert(params.includes(p), `no notice for ${p}: ${params}`);
      }
      assert(await page.$eval('#ring-nodes', (e) => e.value) === '100', 'nodes clamped to 100');
      await page.click('.notice[data-param="bogus"] button');
      await page.waitForFunction(() => !document.querySelector('.notice[data-param="bogus"]'));
      await page.screenshot({ path: path.join(shots, 'ring-notices.png') });
      noErrors(errors, 'malformed');
    });
  }],

  ['unknown page shows the 404 page; a crash shows the crash panel', async () => {
    await withPage({}, async ({ page, errors }) => {
      await page.goto(`${sub.base}?view=no-such-thing`);
      await ready(page);
      await page.waitForSelector('[data-page="not-found"]');
      noErrors(errors, '404');
    });
    await withPage({}, async ({ page }) => {
      await page.goto(`${sub.base}?view=crash-test`);
      await page.waitForSelector('#crash', { timeout: 20000 });
      const text = await page.textContent('#crash');
      assert(text.includes('Something broke') && text.includes('crash test'), `crash panel: ${text}`);
    });
  }],

  ['quorum: loads with closed forms beside their simulations', async () => {
    await withPage({}, async ({ page, errors, requests }) => {
      await openQuorum(page, '&n=5&r=2&w=2&trials=50000');
      // The staleness-over-time readouts come once the page is idle.
      await page.waitForFunction(() => document.querySelector('[data-metric="p-consistent-0"]')?.dataset.value, null, { timeout: 10000 });
      await chartSettled(page);
      const m = await metrics(page);
      // C(3,2)/C(5,2) = 3/10 for N=5, R=2, W=2.
      assert(Math.abs(Number(m['p-stale']) - 0.3) < 1e-12, `p-stale ${m['p-stale']}`);
      assert(m['mc-trials'] === '6000', `trials are capped at 30,000 / N: ${m['mc-trials']}`);
      const se = Math.sqrt(0.3 * 0.7 / 6000);
      assert(Math.abs(Number(m['p-stale-mc']) - 0.3) < 5 * se, `mc ${m['p-stale-mc']}`);
      assert(m['overlap-guaranteed'] === '0', 'R+W=4 is not > 5');
      assert(Number(m['p-consistent-0']) < 1, 'a weak quorum is not always consistent at once');
      for (const k of ['t-999', 'read-p50', 'read-p99', 'write-p50', 'write-p99', 'p-within-k', 'p-within-k-mc']) {
        assert(m[k] !== undefined && m[k] !== '', `missing ${k}`);
      }
      await page.screenshot({ path: path.join(shots, 'quorum-1280.png'), fullPage: true });
      await page.screenshot({ path: path.join(shots, 'quorum-viewport.png') });
      noErrors(errors, 'quorum');
      onlyLocal(requests);
    });
  }],

  ['quorum: sliders change the diagram and the figures', async () => {
    await withPage({}, async ({ page, errors }) => {
      await openQuorum(page);
      for (const [id, v, metric] of [['q-n', 7, 'p-stale'], ['q-w', 1, 'p-stale'], ['q-r', 1, 'read-p50'], ['q-k', 5, 'p-within-k'],
        ['q-trials', 350, 'p-stale-mc'], ['q-lw', 150, 't-999'], ['q-cmp-w', 3, 't-999-cmp']]) {
        const before = (await metrics(page))[metric];
        const svg0 = await page.$eval('svg.replicas', (e) => e.innerHTML);
        await setRange(page, id, v);
        await page.waitForFunction(([k, b]) => document.querySelector(`[data-metric="${k}"]`).dataset.value !== b, [metric, before], { timeout: 5000 })
          .catch(() => { throw new Error(`${id}: ${metric} did not change`); });
        if (id === 'q-n' || id === 'q-w' || id === 'q-r') {
          assert(await page.$eval('svg.replicas', (e) => e.innerHTML) !== svg0, `${id}: diagram did not change`);
        }
      }
      noErrors(errors, 'quorum sliders');
    });
  }],

  ['quorum: crashing replicas by click and keyboard changes availability', async () => {
    await withPage({}, async ({ page, errors }) => {
      await openQuorum(page, '&n=3&r=2&w=2');
      await page.click('svg.replicas .replica[data-replica="0"]');
      await page.waitForFunction(() => document.querySelector('[data-metric="alive"]').dataset.value === '2');
      let m = await metrics(page);
      assert(m['can-write'] === '1' && m['can-read'] === '1', 'one failure is survivable with W=2 of 3');
      await page.focus('svg.replicas .replica[data-replica="1"]');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('[data-metric="alive"]').dataset.value === '1');
      await chartSettled(page);
      m = await metrics(page);
      assert(m['can-write'] === '0' && m['can-read'] === '0', 'two failures stop W=2 and R=2');
      assert(m['t-999'] === '', 'no staleness curve without a quorum');
      await page.waitForFunction(() => location.search.includes('failed=0,1'), null, { timeout: 5000 });
      noErrors(errors, 'quorum failures');
    });
  }],

  ['quorum: timeline plays, pauses, steps and scrubs', async () => {
    await withPage({}, async ({ page, errors }) => {
      await openQuorum(page, '&t=0');
      const head = () => page.$eval('#q-t', (e) => Number(e.value));
      assert((await head()) === 0, 'starts at zero');
      await page.click('#q-step');
      await page.waitForFunction(() => Number(document.querySelector('#q-t').value) > 0);
      const one = await head();
      await page.click('#q-step');
      await page.waitForFunction((o) => Number(document.querySelector('#q-t').value) > o, one);
      await page.click('#q-step-back');
      await page.waitForFunction((o) => Math.abs(Number(document.querySelector('#q-t').value) - o) < 1e-9, one);
      await page.click('#q-play');
      await page.waitForTimeout(400);
      await page.click('#q-play');
      const paused = await head();
      assert(paused > one, `playing moved the playhead (${paused} vs ${one})`);
      await page.waitForTimeout(300);
      assert((await head()) === paused, 'pause holds the playhead');
      await setRange(page, 'q-t', 0);
      await page.waitForFunction(() => document.querySelectorAll('svg.timeline line.msg.arrived').length === 0);
      await setRange(page, 'q-t', 1000000);
      await page.waitForFunction(() => document.querySelectorAll('svg.timeline line.msg.arrived').length > 0);
      await page.click('#q-repair');
      await page.waitForFunction(() => location.search.includes('repair=1'), null, { timeout: 5000 });
      noErrors(errors, 'timeline');
    });
  }],

  ['quorum: a deep link restores the figures; a malformed one shows notices', async () => {
    let link; let seen;
    await withPage({}, async ({ page }) => {
      await openQuorum(page, '&n=5&r=1&w=2&seed=4&lat=disk');
      await page.click('svg.replicas .replica[data-replica="3"]');
      await setRange(page, 'q-k', 4);
      await page.waitForFunction(() => location.search.includes('k=4') && location.search.includes('failed=3'), null, { timeout: 5000 });
      await chartSettled(page);
      link = page.url();
      seen = await metrics(page);
    });
    await withPage({}, async ({ page, errors }) => {
      await page.goto(link);
      await ready(page);
      await page.waitForSelector('[data-metric="p-stale"]');
      // The staleness-over-time readouts come once the page is idle.
      await page.waitForSelector('[data-metric="t-999"]', { timeout: 10000 });
      const got = await metrics(page);
      assert(JSON.stringify(got) === JSON.stringify(seen), `metrics differ:\n${JSON.stringify(seen)}\n${JSON.stringify(got)}`);
      assert((await page.$$('.notice')).length === 0, 'no notices');
      noErrors(errors, 'quorum deep link');
    });
    await withPage({}, async ({ page, errors }) => {
      await openQuorum(page, '&n=40&r=abc&lat=moon&repair=maybe');
      const params = await page.$$eval('.notice', (ns) => ns.map((n) => n.dataset.param));
      for (const p of ['n', 'r', 'lat', 'repair']) assert(params.includes(p), `no notice for ${p}: ${params}`);
      assert(await page.$eval('#q-n', (e) => e.value) === '15', 'n clamped');
      noErrors(errors, 'quorum malformed');
    });
  }],

  ['theme toggle switches to dark and back', async () => {
    await withPage({}, async ({ page, errors }) => {
      await openRing(page);
      const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const light = await bg();
      await page.click('#theme-toggle'); // auto -> light
      await page.click('#theme-toggle'); // light -> dark
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
      assert((await bg()) !== light, 'background did not change');
      await page.screenshot({ path: path.join(shots, 'ring-dark-toggle.png'), fullPage: true });
      noErrors(errors, 'theme');
    });
  }],

  ['accessibility: no serious or critical axe violation, light and dark', async () => {
    for (const colorScheme of ['light', 'dark']) {
      await withPage({ colorScheme, bypassCSP: true }, async ({ page }) => {
        await page.goto(sub.base);
        await ready(page);
        await axeCheck(page, `gallery ${colorScheme}`);
        await openRing(page);
        await page.click('svg.ring .marker[data-node="0"]');
        await page.waitForSelector('#ring-weight');
        await axeCheck(page, `ring ${colorScheme}`);
        await openQuorum(page);
        await axeCheck(page, `quorum ${colorScheme}`);
        await openCache(ctx, page, '&at=4');
        // Contrast is judged on the settled page, not halfway through a box fading in.
        await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
        await axeCheck(page, `cache step ${colorScheme}`);
        await openCache(ctx, page, '&mode=compare&work=zipf&reqs=10000&keys=1000');
        await allRuns(page);
        await axeCheck(page, `cache compare ${colorScheme}`);
        await openRate(ctx, page);
        await page.click('#rl-dist summary');
        await axeCheck(page, `rate limit ${colorScheme}`);
        await openCells(ctx, page, '&arch=shuffle&fault=poison');
        await axeCheck(page, `cells ${colorScheme}`);
        await openQueue(ctx, page, '&slow=30&policy=round-robin');
        await page.click('#queue-more-toggle');
        await axeCheck(page, `queue ${colorScheme}`);
        await page.screenshot({ path: path.join(shots, `ring-${colorScheme}-axe.png`), fullPage: true });
      });
    }
  }],

  ['canvases follow their box when the window is resized (no stretched pictures)', async () => {
    await withPage({}, async ({ page, errors }) => {
      await openRing(page);
      const sizes = () => page.$$eval('canvas', (cs) => cs.map((c) => [c.id || c.className, c.width, Math.round(c.clientWidth * devicePixelRatio)]));
      const before = await sizes();
      assert(before.length >= 2, `canvases: ${JSON.stringify(before)}`);
      await page.setViewportSize({ width: 700, height: 900 });
      await page.waitForFunction(() => [...document.querySelectorAll('canvas')]
        .every((c) => Math.abs(c.width - Math.max(200, c.clientWidth) * devicePixelRatio) <= 1), null, { timeout: 5000 })
        .catch(async () => { throw new Error(`backing stores did not follow: ${JSON.stringify(await sizes())}`); });
      const after = await sizes();
      assert(after.some(([, w], i) => w !== before[i][1]), `no canvas changed size: ${JSON.stringify(after)}`);
      noErrors(errors, 'resize');
    });
  }],

  ['usable at 360 px: no sideways scrolling', async () => {
    await withPage({ width: 360, height: 740 }, async ({ page, errors }) => {
      await openQuorum(page);
      let overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 0, `quorum page is ${overflow}px wider than the screen`);
      await page.screenshot({ path: path.join(shots, 'quorum-360.png'), fullPage: true });
      for (const mode of ['step', 'compare']) {
        await openCache(ctx, page, `&mode=${mode}&at=6`);
        overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert(overflow <= 0, `cache ${mode} page is ${overflow}px wider than the screen`);
        await page.screenshot({ path: path.join(shots, `cache-${mode}-360.png`), fullPage: true });
      }
      await openRate(ctx, page);
      overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 0, `rate-limit page is ${overflow}px wider than the screen`);
      await page.screenshot({ path: path.join(shots, 'rate-limit-360.png'), fullPage: true });
      await openCells(ctx, page, '&fault=deploy');
      overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 0, `cells page is ${overflow}px wider than the screen`);
      await page.screenshot({ path: path.join(shots, 'cells-360.png'), fullPage: true });
      await openQueue(ctx, page, '&slow=30');
      overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 0, `queue page is ${overflow}px wider than the screen`);
      await page.screenshot({ path: path.join(shots, 'queue-360.png'), fullPage: true });
      await openRing(page);
      overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 0, `page is ${overflow}px wider than the screen`);
      await page.screenshot({ path: path.join(shots, 'ring-360.png'), fullPage: true });
      noErrors(errors, '360');
    });
  }],

  ['projector: 1920 wide and 1024x768 screenshots', async () => {
    await withPage({ width: 1920, height: 1080 }, async ({ page }) => {
      await openRing(page);
      await page.screenshot({ path: path.join(shots, 'ring-1920.png') });
    });
    await withPage({ width: 1024, height: 768 }, async ({ page }) => {
      await openRing(page);
      await page.screenshot({ path: path.join(shots, 'ring-1024.png') });
    });
  }],

  ['reduced motion: moved keys are not animated', async () => {
    await withPage({ reducedMotion: 'reduce' }, async ({ page }) => {
      await openRing(page);
      const anim = await page.$eval('svg.ring .moved-dot', (e) => getComputedStyle(e).animationName);
      assert(anim === 'none', `animation ${anim}`);
    });
  }],

  ['the largest sizes load and stay responsive', async () => {
    await withPage({}, async ({ page, errors }) => {
      await openRing(page, '&nodes=100&vnodes=1000&keys=100000&change=nodes:99');
      const m = await metrics(page);
      assert(Math.abs(Number(m['moved-share']) - 0.01) < 0.005, `moved ${m['moved-share']}`);
      await setRange(page, 'ring-keys', await page.$eval('#ring-keys', (e) => Number(e.max) - 10));
      await page.waitForFunction(() => document.querySelector('#ring-keys-value').textContent.length > 0);
      noErrors(errors, 'max sizes');
    });
  }],

  ['works at the site root too', async () => {
    await withPage({}, async ({ page, errors }) => {
      await page.goto(`${top.base}?view=ring&nodes=3`);
      await ready(page);
      await page.waitForSelector('svg.ring .marker');
      assert((await page.$$('svg.ring .marker')).length === 3, 'three markers');
      noErrors(errors, 'root');
    });
  }],
];

const ctx = { sub, hosts, dist, withPage, noErrors, setRange, shots, axeCheck };
tests.push(...cacheTests(ctx));
tests.push(...rateTests(ctx));
tests.push(...cellsTests(ctx));
tests.push(...queueTests(ctx));
tests.push(...embedTests(ctx));
tests.push(...hostsTests(ctx));
tests.push(...recipeTests(ctx));
tests.push(...exportTests(ctx));
tests.push(...offlineTests(ctx));
tests.push(...pagesTests(ctx));
tests.push(...bundleTests(ctx));
tests.push(...talkTests(ctx));
tests.push(...scenesTests(ctx));
tests.push(...articleTests(ctx));
tests.push(...quorumTests(ctx));
tests.push(...fuzzTests(ctx));

const ok = await run(tests);
await browser.close();
sub.close();
top.close();
hosts.close();
process.exit(ok ? 0 : 1);
