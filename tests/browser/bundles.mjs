// Browser tests of the split build: each page downloads the shell's binary or
// its own widget's, never another's (loader.js picks one by the `view`
// parameter); the gallery and 404 are the shell's alone, the widget pages
// their own binary's; moving between pages of different binaries loads the right one,
// in both directions of the history; a page the running binary does not carry
// is loaded afresh once, never in a loop.

import { ready, assert } from './harness.mjs';

/// The binaries a page fetched, by name (`ring-0123456789abcdef_bg.wasm` -> `ring`;
/// a hash may be written without its leading zeros, so shorter).
function binaries(requests, suffix) {
  return requests
    .map((u) => new URL(u).pathname.split('/').pop())
    .filter((f) => f.endsWith(suffix))
    .map((f) => f.slice(0, -suffix.length).replace(/-[0-9a-f]{8,16}$/, ''));
}

/// The widget binaries' names, as loader.js lists them.
const WIDGETS = ['ring', 'quorum', 'cache', 'rate-limit', 'cells', 'queue'];

export function bundleTests(ctx) {
  const { withPage, noErrors } = ctx;
  const pages = [
    ['', 'dials', '.cards'],
    ['?view=no-such-thing', 'dials', '[data-page="not-found"]'],
    ...WIDGETS.map((w) => [`?view=${w}`, w, '.widget']),
    // A deep link with state, under the sub-path.
    ['?view=cells&arch=shuffle&fault=poison&seed=7', 'cells', '.widget'],
  ];
  return [
    ['split: each page downloads its own binary and no other', async () => {
      for (const [q, binary, selector] of pages) {
        await withPage({}, async ({ page, errors, requests }) => {
          await page.goto(`${ctx.sub.base}${q}`);
          await ready(page);
          await page.waitForSelector(selector);
          const wasm = binaries(requests, '_bg.wasm');
          const js = binaries(requests, '.js').filter((f) => f !== 'loader' && f !== 'sw');
          assert(JSON.stringify(wasm) === JSON.stringify([binary]), `${q || 'gallery'}: wasm ${wasm}`);
          assert(JSON.stringify(js) === JSON.stringify([binary]), `${q || 'gallery'}: JS ${js}`);
          const preloads = await page.$$eval('link[rel="preload"], link[rel="modulepreload"]', (ls) => ls.map((l) => l.href));
          assert(preloads.length === 0, `preloads: ${preloads}`);
          noErrors(errors, q || 'gallery');
        });
      }
    }],

    ['split: gallery to a widget and on, back and forward, each with its binary', async () => {
      await withPage({}, async ({ page, errors, requests }) => {
        const wasm = () => binaries(requests, '_bg.wasm');
        await page.goto(ctx.sub.base);
        await ready(page);
        await page.click('.card[data-widget="ring"] a');
        await page.waitForSelector('svg.ring .marker');
        assert(page.url().includes('view=ring'), `url ${page.url()}`);
        assert(wasm().join() === 'dials,ring', `after the ring card: ${wasm()}`);
        // The gallery is the shell's page, which the ring's binary leaves out:
        // the link loads the shell again.
        await page.evaluate(() => { window.__marker = 1; });
        await page.click('.site-header .brand');
        await page.waitForSelector('.cards');
        assert(await page.evaluate(() => window.__marker === undefined), 'the gallery was drawn by the ring binary');
        assert(wasm().at(-1) === 'dials', `after the gallery link: ${wasm()}`);
        await page.click('.card[data-widget="quorum"] a');
        await page.waitForSelector('[data-metric="p-stale"]');
        assert(wasm().includes('quorum'), `after the quorum card: ${wasm()}`);
        await page.goBack();
        await page.waitForSelector('.cards');
        await page.goBack();
        await page.waitForSelector('svg.ring .marker');
        await page.goForward();
        await page.waitForSelector('.cards');
        await page.goForward();
        await page.waitForSelector('[data-metric="p-stale"]');
        assert(!wasm().includes('cache') && !wasm().includes('cells') && !wasm().includes('rate-limit'), `downloaded ${wasm()}`);
        noErrors(errors, 'navigation');
      });
    }],

    ['split: the history moving into another binary\'s page loads that binary', async () => {
      await withPage({}, async ({ page, errors, requests }) => {
        await page.goto(`${ctx.sub.base}?view=ring&nodes=3`);
        await ready(page);
        await page.waitForSelector('svg.ring .marker');
        // An entry for the quorum page in the ring's document, then back and forward onto it.
        await page.evaluate(() => { history.pushState(null, '', '?view=quorum&n=5'); history.back(); });
        await page.waitForFunction(() => location.search.includes('view=ring'));
        await page.evaluate(() => history.forward());
        await page.waitForSelector('[data-metric="p-stale"]', { timeout: 20000 });
        assert(page.url().includes('n=5'), `url ${page.url()}`);
        const wasm = binaries(requests, '_bg.wasm');
        assert(wasm.join() === 'ring,quorum', `downloaded ${wasm}`);
        assert(await page.$eval('#q-n', (e) => e.value) === '5', 'the quorum page kept its state');
        noErrors(errors, 'history');
      });
    }],

    ['split: a pending state write never lands on another page\'s entry', async () => {
      await withPage({}, async ({ page, errors }) => {
        await page.goto(`${ctx.sub.base}?view=ring&nodes=3`);
        await ready(page);
        // The controls are built a frame after the figure.
        await page.waitForSelector('#ring-nodes');
        // A slider moves (its address is written 200 ms later), and at once the
        // history holds another page's entry.
        await page.$eval('#ring-nodes', (el) => { el.value = '7'; el.dispatchEvent(new Event('input', { bubbles: true })); });
        await page.evaluate(() => history.pushState(null, '', '?view=quorum&n=5'));
        await page.waitForTimeout(600);
        const search = await page.evaluate(() => location.search);
        assert(search === '?view=quorum&n=5', `the quorum entry was rewritten: ${search}`);
        noErrors(errors, 'pending write');
      });
    }],

    ['split: a page no binary carries is loaded afresh once, then offered as a link', async () => {
      await withPage({ serviceWorkers: 'block' }, async ({ page, requests }) => {
        // A start-up script that always picks the shell: the ring page is never there.
        await page.route('**/loader.js', async (route) => {
          const res = await route.fetch();
          const body = (await res.text()).replace('WIDGETS.get(view) || SHELL', 'SHELL');
          await route.fulfill({ response: res, body });
        });
        await page.goto(`${ctx.sub.base}?view=ring`);
        await page.waitForSelector('[data-page="elsewhere"] a', { timeout: 20000 });
        await page.waitForTimeout(500);
        const loads = requests.filter((u) => new URL(u).pathname.endsWith('/loader.js')).length;
        assert(loads === 2, `loader.js ran ${loads} times`);
        const link = await page.$eval('[data-page="elsewhere"] a', (a) => a.href);
        assert(link === page.url(), `link ${link}`);
      });
    }],
  ];
}
