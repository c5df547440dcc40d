// Browser tests of the widget and scene pages (ring.html, ring.node-joins.html,
// written by scripts/pages.py): their link-preview cards name a 1200×630 PNG
// of the build; opened with no query they show their widget at their scene,
// under the page's strict policy; without JavaScript they show the picture and
// the caption; and the offline copy works when a visit starts on one.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ready, assert } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/// Each widget's title, blurb and scenes, as the build's scenes.tsv lists them.
function widgets(dist) {
  const dir = path.join(dist, 'previews');
  return fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, 'scenes.tsv'))).sort().map((slug) => {
    const [head, ...rows] = fs.readFileSync(path.join(dir, slug, 'scenes.tsv'), 'utf8').split('\n').filter(Boolean)
      .map((l) => l.split('\t'));
    return { slug, title: head[1], blurb: head[2], scenes: rows.map(([name, title, caption]) => ({ name, title, caption })) };
  });
}

/// A page's title and <meta> tags (property or name -> content), parsed as a
/// browser parses it but not run, as a link unfurler reads it.
function cardOf(page, url) {
  return page.evaluate(async (u) => {
    const res = await fetch(u);
    if (!res.ok) return null;
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const meta = Object.fromEntries([...doc.querySelectorAll('meta[content]')]
      .map((m) => [m.getAttribute('property') || m.name || m.httpEquiv, m.content]));
    return { ...meta, title: doc.title };
  }, url);
}

/// Width and height from a PNG file's header, or null if it is not a PNG.
function pngSize(file) {
  const b = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!b.subarray(0, 8).equals(signature) || b.toString('latin1', 12, 16) !== 'IHDR') return null;
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

/// Records the page's Content-Security-Policy violations in window.__violations.
async function watchPolicy(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

export function pagesTests(ctx) {
  const { withPage, noErrors } = ctx;
  const dist = ctx.dist || path.resolve(process.env.DIST || path.join(root, 'dist'));

  return [
    ['pages: every widget and a scene of each have a card with a 1200×630 PNG of the build', async () => {
      const all = widgets(dist);
      assert(all.length >= 5, `widgets with scene lists: ${all.map((w) => w.slug)}`);
      await withPage({ serviceWorkers: 'block' }, async ({ page }) => {
        // A document of the same origin that runs no app, to fetch the pages from.
        await page.goto(`${ctx.sub.base}previews/ring.svg`);
        for (const w of all) {
          const scene = w.scenes[Math.min(2, w.scenes.length - 1)];
          const cards = [[`${w.slug}.html`, `${w.title} — Dials`, w.blurb], [`${w.slug}.${scene.name}.html`, `${scene.title} — ${w.title}`, scene.caption]];
          for (const [file, title, text] of cards) {
            assert(fs.existsSync(path.join(dist, file)), `${file} is not in the build`);
            const m = await cardOf(page, `${ctx.sub.base}${file}`);
            const what = `${file}: ${JSON.stringify(m)}`;
            assert(m && m.title === title && m['og:title'] === title && m['twitter:title'] === title, what);
            assert(m['og:type'] === 'website' && m['twitter:card'] === 'summary_large_image', what);
            assert(m.description === m['og:description'] && m.description === m['twitter:description'], what);
            assert(m.description.length <= 200 && text.startsWith(m.description), `${file}: description ${m.description}`);
            assert(m['og:url'].endsWith(file), what);
            assert(m['og:image'] === m['twitter:image'] && m['og:image:alt'], what);
            assert(m['og:image:width'] === '1200' && m['og:image:height'] === '630', what);
            // Relative, or absolute under the address the build was given: the same folder as og:url.
            const image = m['og:image'].slice(m['og:url'].length - file.length);
            assert(m['og:image'].startsWith(m['og:url'].slice(0, -file.length)) && /^previews\/[a-z-]+(\/[a-z0-9-]+)?\.png$/.test(image), what);
            const png = path.join(dist, image);
            assert(fs.existsSync(png), `${file}: ${image} is not in the build`);
            const size = pngSize(png);
            assert(size && size[0] === 1200 && size[1] === 630, `${image}: ${size}`);
            assert(m['dials-view'] === w.slug && (m['dials-scene'] || '') === (file.split('.').length === 3 ? scene.name : ''), what);
          }
        }
      });
    }],

    ['pages: a scene page with no query opens its widget at its scene, under the strict policy', async () => {
      await withPage({}, async ({ page, errors, requests }) => {
        await watchPolicy(page);
        await page.goto(`${ctx.sub.base}ring.node-joins.html`);
        await ready(page);
        await page.waitForSelector('article[data-scene="node-joins"]');
        await page.waitForSelector('.tour-card[data-scene="node-joins"]');
        await page.waitForSelector('svg.ring .marker');
        const url = new URL(page.url());
        assert(url.pathname === new URL(`${ctx.sub.base}index.html`).pathname, `address ${page.url()}`);
        assert(url.searchParams.get('view') === 'ring' && url.searchParams.get('scene') === 'node-joins', `address ${page.url()}`);
        const wasm = requests.filter((u) => u.endsWith('.wasm'));
        assert(wasm.length === 1 && /\/ring-[0-9a-f]+_bg\.wasm$/.test(wasm[0]), `wasm fetched: ${wasm.join(', ')}`);
        assert(await page.$('meta[http-equiv="Content-Security-Policy"]'), 'the page has no policy');
        // A reload keeps the scene; the gallery link leads to the gallery.
        await page.reload();
        await ready(page);
        await page.waitForSelector('article[data-scene="node-joins"]');
        await page.click('.site-header .brand');
        await page.waitForSelector('.gallery');
        assert(await page.evaluate(() => window.__violations.length) === 0, `policy violations: ${await page.evaluate(() => window.__violations)}`);
        noErrors(errors, 'ring.node-joins.html');
      });
      // A widget's page keeps the link's own parameters.
      await withPage({}, async ({ page, errors }) => {
        await watchPolicy(page);
        await page.goto(`${ctx.sub.base}ring.html?nodes=3`);
        await ready(page);
        await page.waitForSelector('svg.ring .marker');
        assert((await page.$$('svg.ring .marker')).length === 3, 'the link\'s nodes=3 was lost');
        const opened = await page.$eval('article[data-widget="ring"]', (a) => a.dataset.scene || '');
        assert(opened === '', `a widget page opened the scene ${opened}`);
        const url = new URL(page.url());
        assert(url.searchParams.get('view') === 'ring' && url.searchParams.get('nodes') === '3', `address ${page.url()}`);
        assert(await page.evaluate(() => window.__violations.length) === 0, 'policy violations');
        noErrors(errors, 'ring.html');
      });
    }],

    ['pages: without JavaScript a page shows its picture and caption, and the gallery its widgets', async () => {
      const ring = widgets(dist).find((w) => w.slug === 'ring');
      const scene = ring.scenes.find((s) => s.name === 'node-joins');
      await withPage({}, async ({ context }) => {
        const plain = await context.browser().newContext({ javaScriptEnabled: false });
        try {
          const page = await plain.newPage();
          const loaded = () => page.waitForFunction(() => [...document.querySelectorAll('main img')]
            .every((i) => i.complete && i.naturalWidth > 0), null, { timeout: 10000 });
          await page.goto(`${ctx.sub.base}ring.node-joins.html`);
          await loaded();
          const shown = await page.evaluate(() => ({
            img: [...document.querySelectorAll('main img')].map((i) => [new URL(i.src).pathname, i.alt, i.naturalWidth, i.getBoundingClientRect().width]),
            h1: document.querySelector('h1')?.textContent,
            text: document.body.innerText,
          }));
          assert(shown.img.length === 1 && shown.img[0][0].endsWith('/previews/ring/node-joins.svg') && shown.img[0][3] > 100, `pictures: ${JSON.stringify(shown.img)}`);
          assert(shown.img[0][1].includes(scene.title), `alt: ${shown.img[0][1]}`);
          assert(shown.h1 === scene.title, `heading: ${shown.h1}`);
          assert(shown.text.includes(scene.caption), 'the caption is not shown');
          assert(/needs JavaScript/.test(shown.text), 'no word on what JavaScript adds');
          await page.screenshot({ path: path.join(ctx.shots, 'page-no-js.png'), fullPage: true });
          // The gallery: every widget with its picture, linking to its page.
          await page.goto(ctx.sub.base);
          await loaded();
          const links = await page.$$eval('main h2 a', (as) => as.map((a) => a.getAttribute('href')));
          const pictures = await page.$$eval('main img', (is) => is.map((i) => i.naturalWidth));
          assert(links.length >= 5 && links.every((l) => /^[a-z-]+\.html$/.test(l)) && pictures.length === links.length, `gallery: ${links} ${pictures}`);
          await page.click('main h2 a[href="ring.html"]');
          await page.waitForSelector('main ol a[href="ring.node-joins.html"]');
        } finally {
          await plain.close();
        }
      });
    }],

    ['pages: a visit that starts on a scene page keeps the app for offline use', async () => {
      await withPage({}, async ({ page, context, errors }) => {
        await page.goto(`${ctx.sub.base}ring.node-joins.html`);
        await ready(page);
        if (!await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller), null, { timeout: 20000 }).then(() => true, () => false)) {
          await page.reload();
          await ready(page);
          await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller), null, { timeout: 5000 });
        }
        await context.setOffline(true);
        try {
          await page.reload();
          await ready(page);
          await page.waitForSelector('article[data-scene="node-joins"]');
          // Another widget's own page, with a query, from the offline copy.
          const res = await page.goto(`${ctx.sub.base}quorum.html?n=5`);
          assert(res.fromServiceWorker(), 'quorum.html did not come from the service worker');
          await ready(page);
          await page.waitForSelector('.quorum-widget [data-metric]');
          assert(new URL(page.url()).searchParams.get('n') === '5', `address ${page.url()}`);
        } finally {
          await context.setOffline(false);
        }
        noErrors(errors, 'offline through a scene page');
      });
    }],
  ];
}
