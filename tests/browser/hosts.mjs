// Browser tests of embeds on a host page of another origin (127.0.0.2, while
// the app is on 127.0.0.1), as a blog would have them: the pages in hosts/,
// where {{DIALS}} stands for the app's address. Also keeps the embed script's
// table of scene heights (DIALS_SIZES=write rewrites it from the build).

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const HOSTS = path.join(here, 'hosts');
const ROOT = path.resolve(here, '../..');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

/// Widths a scene is measured at (px): phones, small tablets, both sides of the embed's
/// one-column breakpoint (600 px), a blog's column and a wide page.
export const WIDTHS = [320, 340, 360, 400, 480, 600, 601, 700, 800, 960];

/// Serves hosts/ on 127.0.0.2, with {{DIALS}} replaced by `app` in every
/// page and script; also the recipe pages (`recipe/<name>.html`, from
/// `pages`) and reveal.js from node_modules.
export function serveHosts(app, pages = {}, dist = null) {
  // {{H700:widget/scene}}: the scene's height at 700 px, as the share panel writes it.
  const table = dist ? readTable(fs.readFileSync(path.join(dist, 'embed.js'), 'utf8')) : {};
  const at700 = (key) => { const row = (table[key] || []).find((p) => Array.isArray(p) && p[0] === 700); return row ? row[1] : 560; };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const p = decodeURIComponent(url.pathname);
    const recipe = /^\/recipe\/([a-z0-9-]+)\.html$/.exec(p);
    if (recipe && pages[recipe[1]]) {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      res.end(pages[recipe[1]].replaceAll('https://example.org/dials/', app));
      return;
    }
    const parts = p.split('/').filter(Boolean);
    const dir = parts[0] === 'node_modules' ? here : HOSTS;
    let file = path.join(dir, ...parts);
    if (!file.startsWith(dir) || (dir === here && !file.startsWith(path.join(here, 'node_modules', 'reveal.js')))) {
      res.writeHead(403); res.end(); return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404); res.end('not found'); return; }
    const type = TYPES[path.extname(file)] || 'application/octet-stream';
    let body = fs.readFileSync(file);
    if (type.startsWith('text/') && dir === HOSTS) {
      body = body.toString('utf8').replaceAll('{{DIALS}}', app).replace(/\{\{H700:([a-z0-9/-]+)\}\}/g, (_, k) => String(at700(k)));
    }
    res.writeHead(200, { 'content-type': type });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.2', () => {
    resolve({ base: `http://127.0.0.2:${server.address().port}/`, close: () => server.close() });
  }));
}

/// Every scene of every widget, as `widget/scene` with its title, from the
/// build's scene lists.
export function allScenes(dist) {
  const dir = path.join(dist, 'previews');
  return fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, 'scenes.tsv'))).sort().flatMap((w) =>
    fs.readFileSync(path.join(dir, w, 'scenes.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((line) => {
      const [name, title] = line.split('\t');
      return { key: `${w}/${name}`, title };
    }));
}

/// The table of heights in an embed script's text: { key: [title, [w, h]…] }.
export function readTable(js) {
  const m = /\/\* scenes:[^\n]*\*\/\n\s*var SCENES = (\{[\s\S]*?\});\n\s*\/\* end scenes \*\//.exec(js);
  assert(m, 'the embed script has no table of scenes');
  return JSON.parse(m[1]);
}

function writeTable(js, table) {
  const lines = Object.entries(table).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const text = `{\n${lines.join(',\n')}\n  }`;
  return js.replace(/(\/\* scenes:[^\n]*\*\/\n\s*var SCENES = )\{[\s\S]*?\}(;\n\s*\/\* end scenes \*\/)/, `$1${text}$2`);
}

/// The iframe of a <dials-embed> (in its shadow root) or a plain iframe, by id.
async function frameOf(page, id) {
  const handle = await page.evaluateHandle((i) => {
    const el = document.getElementById(i);
    return el.tagName === 'IFRAME' ? el : el.shadowRoot && el.shadowRoot.querySelector('iframe');
  }, id);
  const el = handle.asElement();
  return el ? el.contentFrame() : null;
}

async function themes(page, ids) {
  const out = [];
  for (const id of ids) {
    const f = await frameOf(page, id);
    out.push(f ? await f.evaluate(() => document.documentElement.dataset.theme || '') : 'none');
  }
  return out;
}

export function hostsTests(ctx) {
  const { withPage, noErrors, shots, sub, dist } = ctx;
  const hosts = () => ctx.hosts;
  const POST = ['e-ring', 'e-quorum', 'e-cache', 'e-cells'];
  const allReady = (page, n) => page.waitForFunction((k) => window.__ready.length >= k
    && [...document.querySelectorAll('iframe[data-dials]')].every((f) => parseFloat(f.style.height) > 300),
  n, { timeout: 60000, polling: 200 });
  return [
    ['embed sizes: every scene reserves the height it takes, at every width', async () => {
      const file = path.join(ROOT, 'assets', 'embed.js');
      const table = readTable(fs.readFileSync(path.join(dist, 'embed.js'), 'utf8'));
      const fresh = {};
      const off = [];
      // Wide enough for every width side by side, so every frame is in view.
      await withPage({ width: 6000, height: 1200 }, async ({ page, errors }) => {
        for (const { key, title } of allScenes(dist)) {
          await page.goto(`${hosts().base}sizes.html?scene=${key}&widths=${WIDTHS.join(',')}&app=${encodeURIComponent(sub.base)}`);
          // Every width ready and reported, then nothing changed for two seconds.
          await page.waitForFunction((n) => Object.keys(window.__ready).length === n
            && Object.keys(window.__heights).length === n
            && performance.now() - window.__changed > 2000, WIDTHS.length, { timeout: 30000, polling: 100 });
          const heights = await page.evaluate(() => window.__heights);
          fresh[key] = [title, ...WIDTHS.map((w) => [w, Math.ceil(heights[w])])];
          const kept = table[key];
          for (const [i, w] of WIDTHS.entries()) {
            const was = kept && kept[i + 1] && kept[i + 1][1];
            if (!(Math.abs(was - heights[w]) <= 8)) off.push(`${key} at ${w} px: ${was} kept, ${heights[w]} measured`);
          }
          if (!kept || kept[0] !== title) off.push(`${key}: title ${kept && kept[0]}`);
        }
        noErrors(errors, 'sizes');
      });
      if (Object.keys(table).length !== Object.keys(fresh).length) off.push('scenes were added or removed');
      if (process.env.DIALS_SIZES === 'write') {
        for (const f of [file, path.join(dist, 'embed.js')]) fs.writeFileSync(f, writeTable(fs.readFileSync(f, 'utf8'), fresh));
        return;
      }
      assert(off.length === 0, `the embed script's heights are out of date (run DIALS_SIZES=write ONLY='embed sizes' node tests/browser/run.mjs):\n  ${off.join('\n  ')}`);
    }],

    ['embed hosts: a theme set before, during and after loading reaches every embed', async () => {
      await withPage({ width: 1000, height: 900 }, async ({ page, errors }) => {
        // Before: the site sets its dark theme while the page loads.
        await page.goto(`${hosts().base}post.html?theme=dark`);
        await allReady(page, 3);
        await page.waitForTimeout(300);
        let t = await themes(page, POST);
        assert(t.every((x) => x === 'dark'), `set before loading: ${t}`);
        // During: once the first scene answers, while the others still load.
        await page.goto(`${hosts().base}post.html`);
        await page.waitForFunction(() => window.__ready.length >= 1, null, { timeout: 30000 });
        const waiting = await page.$$eval('dials-embed', (es) => es.filter((e) => e.dataset.state !== 'ready').length);
        await page.evaluate(() => window.siteTheme('dark'));
        await allReady(page, 3);
        await page.waitForTimeout(300);
        t = await themes(page, POST);
        assert(t.every((x) => x === 'dark'), `set while ${waiting} loaded: ${t}`);
        // After: everything loaded.
        await page.evaluate(() => window.siteTheme('light'));
        await page.waitForTimeout(300);
        t = await themes(page, POST);
        assert(t.every((x) => x === 'light'), `set after loading: ${t}`);
        await page.evaluate(() => window.siteTheme('dark'));
        await page.screenshot({ path: path.join(shots, 'host-post-dark.png'), fullPage: true });
        noErrors(errors, 'host themes');
      });
    }],

    ['embed hosts: placeholders are as tall as the scenes they become, and nothing shifts', async () => {
      for (const width of [1000, 360]) {
        await withPage({ width, height: 800 }, async ({ page, errors }) => {
          await page.goto(`${hosts().base}post.html`);
          await page.waitForFunction(() => window.DialsEmbed && document.querySelectorAll('dials-embed[data-state]').length === 3);
          const before = await page.evaluate((ids) => ids.map((id) => {
            const el = document.getElementById(id);
            return el.tagName === 'IFRAME' ? parseFloat(el.style.height) : el.getBoundingClientRect().height;
          }), POST);
          // Every embed answered, the plain iframe too.
          await allReady(page, 4);
          // As a reader scrolls past each (a frame out of view draws nothing).
          for (const id of POST) {
            await page.evaluate((i) => document.getElementById(i).scrollIntoView(), id);
            await page.waitForTimeout(700);
          }
          await page.evaluate(() => window.scrollTo(0, 0));
          // Settled: the same heights twice, half a second apart (a loaded
          // machine may still be drawing a frame that scrolled past).
          const heights = () => page.evaluate((ids) => ids.map((id) => document.getElementById(id).getBoundingClientRect().height), POST);
          let after = await heights();
          for (let i = 0; i < 20; i++) {
            await page.waitForTimeout(500);
            const again = await heights();
            if (JSON.stringify(again) === JSON.stringify(after)) break;
            after = again;
          }
          // Between two measured widths the height is interpolated: text wraps in
          // steps, so a phone's column may end a line of text off.
          const slack = width === 1000 ? 8 : 24;
          const off = POST.filter((id, i) => !(Math.abs(before[i] - after[i]) <= slack));
          assert(off.length === 0, `at ${width} px, reserved ${before} became ${after}`);
          // The snippets hold the height for a 700 px column; this column is 668 px.
          if (width === 1000) {
            const shifts = await page.evaluate(() => window.__shifts);
            assert(shifts < 0.1, `layout shift ${shifts.toFixed(3)} at ${width} px`);
          }
          noErrors(errors, `host sizes at ${width}`);
        });
      }
    }],

    ['embed hosts: light embeds download no binary until used, then one per widget', async () => {
      await withPage({ width: 1000, height: 900 }, async ({ page, errors, requests }) => {
        await page.goto(`${hosts().base}light.html`);
        await page.waitForFunction(() => [...document.querySelectorAll('dials-embed')].every((e) => {
          const img = e.shadowRoot && e.shadowRoot.querySelector('img');
          return img && img.complete && img.naturalWidth > 0;
        }), null, { timeout: 10000 });
        await page.waitForTimeout(1000);
        const wasm = () => requests.filter((u) => u.endsWith('.wasm'));
        // The first scene is on screen: it loads by itself, and nothing else does.
        await page.waitForFunction(() => window.__ready.length === 1, null, { timeout: 30000 });
        await page.waitForTimeout(500);
        assert(wasm().length === 1 && /ring-[0-9a-f]+_bg\.wasm$/.test(wasm()[0]), `first screen: ${wasm()}`);
        const idle = await page.$$eval('dials-embed', (es) => es.map((e) => e.dataset.state));
        assert(idle.slice(1).every((s) => s === 'idle'), `the others: ${idle}`);
        await page.screenshot({ path: path.join(shots, 'host-light.png') });
        // A click loads one at once.
        await page.evaluate(() => document.getElementById('e3').scrollIntoView());
        await page.evaluate(() => document.getElementById('e3').shadowRoot.querySelector('button').click());
        await page.waitForFunction(() => document.getElementById('e3').dataset.state === 'ready', null, { timeout: 30000 });
        // Scrolling near the others loads them, one by one.
        for (const id of ['e2', 'e4', 'e5']) {
          await page.evaluate((i) => document.getElementById(i).scrollIntoView(), id);
          await page.waitForFunction((i) => document.getElementById(i).dataset.state === 'ready', id, { timeout: 30000 });
        }
        const files = wasm().map((u) => new URL(u).pathname.split('/').pop());
        assert(files.length === 5 && new Set(files).size === 5 && !files.some((f) => f.startsWith('dials-')), `binaries: ${files}`);
        noErrors(errors, 'light embeds');
      });
    }],

    ['embed hosts: a fitted scene fills a 16:9 slide, whole and readable', async () => {
      for (const [w, h] of [[960, 540], [1280, 720]]) {
        await withPage({ width: w, height: h }, async ({ page, errors }) => {
          await page.goto(`${hosts().base}slide.html?box=${w}x${h}`);
          await page.waitForFunction(() => window.__ready.length === 1, null, { timeout: 30000 });
          await page.waitForTimeout(1000);
          const f = await frameOf(page, 'slide');
          const m = await f.evaluate(() => {
            const zoom = parseFloat(getComputedStyle(document.body).zoom) || 1;
            const cap = document.querySelector('.tour-caption');
            return {
              zoom, tall: document.documentElement.scrollHeight, frame: innerHeight, wide: innerWidth,
              // (With CSS zoom, an element's box is measured in the zoomed page's pixels.)
              body: document.body.getBoundingClientRect().height,
              text: cap ? parseFloat(getComputedStyle(cap).fontSize) * zoom : 0,
              hero: !!document.querySelector('[data-figure]'),
            };
          });
          assert(m.tall <= m.frame + 1, `at ${w}×${h} the scene is ${m.tall} px tall in ${m.frame}`);
          assert(m.frame === h && m.wide === w, `the frame is ${m.wide}×${m.frame} in a ${w}×${h} slide`);
          assert(m.body >= 0.75 * m.frame, `at ${w}×${h} the scene fills ${Math.round(m.body)} px of ${m.frame}`);
          assert(m.text >= 11, `caption text ${m.text.toFixed(1)} px at ${w}×${h} (zoom ${m.zoom})`);
          assert(m.hero, 'the figure is shown');
          await page.screenshot({ path: path.join(shots, `host-slide-${w}.png`) });
          noErrors(errors, `slide ${w}`);
        });
      }
    }],
  ];
}
