// Browser tests of embedding: the example page with every widget in an
// iframe, sizing by message, theme messages, malformed messages, the
// controls option and the share panel.

import path from 'node:path';
import { ready, assert } from './harness.mjs';

/// Each widget in the states that show its most controls.
const CONTROL_PAGES = [
  'view=ring', 'view=quorum', 'view=cache&at=3', 'view=cache&mode=compare&reqs=5000&keys=500',
  'view=rate-limit', 'view=rate-limit&traffic=hand&live=1', 'view=cells', 'view=cells&arch=shuffle',
  'view=cells&fault=poison', 'view=cells&fault=deploy', 'view=queue', 'view=queue&policy=choices&hedge=95',
];

/// Opens an embed and lets its idle-built parts come (scrolling them into view).
async function openEmbed(ctx, page, query) {
  await page.goto(`${ctx.sub.base}?${query}`);
  await page.waitForSelector('.widget');
  for (let i = 0; i < 4; i++) {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(300);
  }
}

/// Every control a reader could use inside the widget: visible, enabled
/// buttons, inputs, selects, text areas and focusable or button-like elements,
/// but the "Open in Dials" link, the export menu and a notice's dismiss button
/// (which changes no state).
function usableControls(page) {
  return page.evaluate(() => [...document.querySelectorAll('.widget :is(button, input, select, textarea, [tabindex], [role="button"])')]
    .filter((e) => !e.closest('.embed-open, #export-menu, .notice') && !e.disabled && e.getClientRects().length > 0
      && getComputedStyle(e).visibility !== 'hidden')
    .map((e) => `${e.localName}${e.id ? `#${e.id}` : ''}${e.dataset.replica ? `[replica ${e.dataset.replica}]` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.trim().split(/\s+/).join('.')}` : ''}`));
}

export function embedTests(ctx) {
  const { withPage, noErrors, shots } = ctx;
  return [
    ['embed: controls=none leaves no usable control in any widget; controls=bogus keeps them all, with a notice', async () => {
      await withPage({}, async ({ page, errors }) => {
        for (const q of CONTROL_PAGES) {
          await openEmbed(ctx, page, `${q}&embed=1&controls=none`);
          const left = await usableControls(page);
          assert(left.length === 0, `${q}: controls=none leaves ${left.join(', ')}`);
          // Clickable parts of a figure are drawn but take no pointer.
          const pointers = await page.$$eval('.widget :is(.marker, .replica, canvas.cells-grid, .req, canvas.lanes)',
            (es) => es.filter((e) => getComputedStyle(e).cursor === 'pointer').map((e) => e.className.baseVal ?? e.className));
          assert(pointers.length === 0, `${q}: pointer cursor on ${pointers}`);
          const all = await (async () => { await openEmbed(ctx, page, `${q}&embed=1`); return usableControls(page); })();
          assert(all.length > 0, `${q}: no control at all without the option`);
          await openEmbed(ctx, page, `${q}&embed=1&controls=bogus`);
          const kept = await usableControls(page);
          assert(JSON.stringify(kept) === JSON.stringify(all), `${q}: controls=bogus shows\n${kept}\ninstead of\n${all}`);
          const notices = await page.$$eval('.notice', (ns) => ns.map((n) => n.dataset.param));
          assert(notices.includes('controls'), `${q}: no notice for controls=bogus (${notices})`);
        }
        // Neither a click on a figure nor a key changes the state behind hidden controls.
        await openEmbed(ctx, page, 'view=quorum&n=3&embed=1&controls=none');
        const alive = () => page.$eval('[data-metric="alive"]', (e) => e.dataset.value);
        await page.click('svg.replicas .replica[data-replica="0"]');
        for (const k of ['1', ' ', 'ArrowRight', 't']) await page.keyboard.press(k);
        await page.waitForTimeout(500);
        assert((await alive()) === '3', 'a click crashed a replica');
        assert(!/failed=\d/.test(page.url()) && !page.url().includes('scene='), `state changed: ${page.url()}`);
        await openEmbed(ctx, page, 'view=cells&embed=1&controls=none');
        const failed = () => page.$eval('.widget', () => new URL(location.href).searchParams.get('failed'));
        await page.waitForTimeout(400);
        const before = await failed();
        await page.click('#cells-grid', { position: { x: 20, y: 20 } });
        await page.waitForTimeout(400);
        assert((await failed()) === before, `a click failed a cell: ${before} -> ${await failed()}`);
        await openEmbed(ctx, page, 'view=rate-limit&embed=1&controls=none');
        await page.keyboard.press('f');
        await page.waitForTimeout(400);
        assert(!page.url().includes('traffic=hand'), `F fired a request: ${page.url()}`);
        noErrors(errors, 'controls=none');
      });
    }],

    ['embed: a named part hides exactly that part', async () => {
      await withPage({}, async ({ page, errors }) => {
        const shown = (sel) => page.$$eval(sel, (es) => es.some((e) => e.getClientRects().length > 0));
        await openEmbed(ctx, page, 'view=rate-limit&traffic=hand&live=1&embed=1&controls=playback');
        for (const sel of ['#rl-play', '#rl-step', '#rl-live', '#rl-replay']) assert(await shown(sel), `playback: ${sel} hidden`);
        for (const sel of ['#rl-fire', '#rl-clear', '#rl-zoom-in', '.more-toggle', '.slider']) assert(!(await shown(sel)), `playback: ${sel} shown`);
        await openEmbed(ctx, page, 'view=rate-limit&traffic=hand&live=1&embed=1&controls=sliders');
        for (const sel of ['#rl-fire', '#rl-clear', '#rl-zoom-in', '.slider']) assert(await shown(sel), `sliders: ${sel} hidden`);
        for (const sel of ['#rl-play', '#rl-step', '#rl-live', '#rl-replay', '.presets']) assert(!(await shown(sel)), `sliders: ${sel} shown`);
        // The cache's request chips move the step: playback's.
        await openEmbed(ctx, page, 'view=cache&at=3&embed=1&controls=playback');
        assert((await page.$$('button.req')).length > 0, 'chips are buttons with playback shown');
        await openEmbed(ctx, page, 'view=cache&at=3&embed=1&controls=sliders,presets');
        assert((await page.$$('button.req')).length === 0 && (await page.$$('span.req')).length > 0, 'chips are labels with playback hidden');
        await openEmbed(ctx, page, 'view=cells&embed=1&controls=playback');
        assert(!(await shown('#cells-clear')), 'Restore all is a slider');
        assert(await page.$eval('#cells-grid', (c) => !c.hasAttribute('tabindex')), 'the grid takes no focus');
        await openEmbed(ctx, page, 'view=quorum&embed=1&controls=sliders');
        assert(!(await shown('#q-replay')) && !(await shown('#q-play')) && await shown('#q-repair'), 'quorum: replay is playback, read repair a slider');
        assert(await page.$eval('.replica', (r) => r.getAttribute('tabindex') === '0'), 'replicas stay focusable with sliders shown');
        noErrors(errors, 'named parts');
      });
    }],

    ['embed: export=1 gives a small Export menu that downloads; without it there is none', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openEmbed(ctx, page, 'view=ring&embed=1');
        assert(!(await page.$('#export-menu')) && !(await page.$('#export')), 'no export without the option');
        await openEmbed(ctx, page, 'view=ring&embed=1&export=1&controls=none');
        assert(!(await page.$('#export')), 'the menu, not the panel');
        const summary = await page.$('#export-menu > summary');
        assert(summary && (await summary.textContent()).includes('Export'), 'an Export button');
        assert(!(await page.$eval('#export-menu', (d) => d.open)), 'closed at first');
        await summary.focus();
        await page.keyboard.press('Enter');
        await page.waitForSelector('#export-menu[open] [data-export="csv"]');
        const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }),
          page.click('#export-menu [data-export="csv"][data-export-of="ring-load-chart"]')]);
        assert(dl.suggestedFilename() === 'dials-ring-load-chart.csv', `name ${dl.suggestedFilename()}`);
        const fs = await import('node:fs');
        const text = fs.readFileSync(await dl.path(), 'utf8');
        assert(text.split('\r\n').length > 3, `csv ${text.slice(0, 200)}`);
        const [svg] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }),
          page.click('#export-menu [data-export="svg"][data-export-of="ring-svg"]')]);
        assert(svg.suggestedFilename() === 'dials-ring-svg.svg', `name ${svg.suggestedFilename()}`);
        assert((await page.$eval('#export-menu .export-status', (e) => e.textContent)).startsWith('Saved dials-'), 'status');
        await page.keyboard.press('Escape');
        assert(!(await page.$eval('#export-menu', (d) => d.open)), 'Escape closes the menu');
        assert(page.url().includes('export=1'), `the option is kept: ${page.url()}`);
        const open = await page.$eval('.embed-open a', (a) => a.getAttribute('href'));
        assert(!open.includes('export='), `open link ${open}`);
        noErrors(errors, 'embed export');
      });
    }],

    ['security: every page runs under a strict policy with no violation and no inline script', async () => {
      await withPage({}, async ({ page, errors }) => {
        await page.addInitScript(() => {
          window.__violations = [];
          document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
        });
        for (const q of ['', '?view=ring', '?view=quorum', '?view=cache&mode=compare&work=zipf&reqs=10000&keys=1000', '?view=rate-limit', '?view=cells&arch=shuffle', '?view=cache&embed=1']) {
          await page.goto(`${ctx.sub.base}${q}`);
          await page.waitForSelector(q.includes('view=') ? '.widget' : '.cards');
          await page.waitForTimeout(300);
          const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
          assert(csp.includes("script-src 'self' 'wasm-unsafe-eval'") && !csp.includes('http'), `policy ${csp}`);
          const inline = await page.$$eval('script', (ss) => ss.filter((s) => !s.src).length);
          assert(inline === 0, `${inline} inline scripts on ${q}`);
          const v = await page.evaluate(() => window.__violations);
          assert(v.length === 0, `violations on ${q || 'the gallery'}: ${v.join(', ')}`);
        }
        noErrors(errors, 'policy');
      });
    }],

    ['embed: the example page sizes every widget to its content and switches their theme', async () => {
      await withPage({ width: 1000, height: 900 }, async ({ page, errors }) => {
        await page.goto(`${ctx.sub.base}embed-example.html`);
        const frames = await page.$$('iframe[data-dials]');
        assert(frames.length === 5, `five embeds, got ${frames.length}`);
        // Each iframe ends up as tall as its document, not the 480 px it started with.
        await page.waitForFunction(() => [...document.querySelectorAll('iframe[data-dials]')].every((f) => {
          const d = f.contentDocument;
          if (!d || !d.querySelector('.widget')) return false;
          const want = d.documentElement.scrollHeight;
          return Math.abs(f.getBoundingClientRect().height - want) <= 4 && want > 480;
        }), null, { timeout: 30000, polling: 200 });
        for (const f of frames) {
          const doc = await f.contentFrame();
          assert(!(await doc.$('.site-header')), 'no site header inside an embed');
          assert(await doc.$('.embed-open a'), 'an Open in Dials link');
        }
        const open = await (await frames[0].contentFrame()).$eval('.embed-open a', (a) => a.getAttribute('href'));
        assert(!open.includes('embed=1') && open.includes('view=ring'), `open link ${open}`);
        await page.click('#to-dark');
        await page.waitForFunction(() => [...document.querySelectorAll('iframe[data-dials]')]
          .every((f) => f.contentDocument.documentElement.dataset.theme === 'dark'), null, { timeout: 5000 });
        await page.screenshot({ path: path.join(shots, 'embed-example.png'), fullPage: true });
        // Malformed messages change nothing and break nothing.
        await page.evaluate(() => {
          const w = document.querySelector('iframe[data-dials]').contentWindow;
          w.postMessage('theme=light', '*');
          w.postMessage({ source: 'dials', version: 2, type: 'theme', theme: 'light' }, '*');
          w.postMessage({ source: 'dials', version: 1, type: 'theme', theme: '<img src=x onerror=alert(1)>' }, '*');
          w.postMessage({ source: 'dials', version: 1, type: 'eval', theme: 'light' }, '*');
          w.postMessage(null, '*');
        });
        await page.waitForTimeout(300);
        const theme = await page.$eval('iframe[data-dials]', (f) => f.contentDocument.documentElement.dataset.theme);
        assert(theme === 'dark', `a malformed message changed the theme to ${theme}`);
        // And a height message from the host page itself (not an embed) is ignored.
        const before = await page.$eval('iframe[data-dials]', (f) => f.style.height);
        await page.evaluate(() => window.postMessage({ source: 'dials', version: 1, type: 'height', height: 5 }, '*'));
        await page.waitForTimeout(200);
        assert(await page.$eval('iframe[data-dials]', (f) => f.style.height) === before, 'a forged height was applied');
        noErrors(errors, 'embed example');
      });
    }],

    ['embed: options hide controls, set the accent and keep themselves across state changes', async () => {
      await withPage({}, async ({ page, errors }) => {
        await page.goto(`${ctx.sub.base}?view=cache&embed=1&controls=playback&accent=%23D55E00&theme=dark&caption=Hi`);
        await page.waitForSelector('.cache-widget');
        const shown = async (sel) => page.$$eval(sel, (es) => es.some((e) => getComputedStyle(e).display !== 'none'));
        assert(!(await shown('.presets')), 'presets hidden');
        assert(!(await shown('.slider')), 'sliders hidden');
        assert(await page.$eval('html', (h) => h.dataset.theme) === 'dark', 'dark theme');
        const accent = await page.$eval('html', (h) => getComputedStyle(h).getPropertyValue('--accent').trim());
        assert(accent === '#d55e00', `accent ${accent}`);
        assert((await page.$eval('.embed-caption', (e) => e.textContent)) === 'Hi', 'caption');
        assert((await page.$$('.notice')).length === 0, 'no notices for the embed options');
        await page.click('#cache-step');
        await page.waitForFunction(() => location.search.includes('at=1'), null, { timeout: 5000 });
        assert(page.url().includes('embed=1') && page.url().includes('controls=playback'), `options kept: ${page.url()}`);
        noErrors(errors, 'embed options');
      });
      await withPage({}, async ({ page, errors }) => {
        await page.goto(`${ctx.sub.base}?view=ring&embed=1&accent=red&theme=neon&controls=knobs`);
        await page.waitForSelector('svg.ring');
        const params = await page.$$eval('.notice', (ns) => ns.map((n) => n.dataset.param));
        for (const p of ['accent', 'theme', 'controls']) assert(params.includes(p), `no notice for ${p}: ${params}`);
        noErrors(errors, 'embed bad options');
      });
    }],

    ['embed: the play option starts the animation', async () => {
      await withPage({}, async ({ page, errors }) => {
        await page.goto(`${ctx.sub.base}?view=cache&embed=1&play=1`);
        await page.waitForSelector('.cache-widget');
        await page.waitForFunction(() => Number(document.querySelector('#cache-at').value) >= 2, null, { timeout: 10000 });
        assert((await page.$eval('#cache-play', (b) => b.textContent)) === 'Pause', 'playing');
        await page.goto(`${ctx.sub.base}?view=cache&embed=1`);
        await page.waitForSelector('.cache-widget');
        await page.waitForTimeout(1500);
        assert((await page.$eval('#cache-at', (e) => e.value)) === '0', 'without the option nothing moves');
        // The rate limiters' animation is the live clock, which the option turns on.
        await page.goto(`${ctx.sub.base}?view=rate-limit&embed=1&play=1`);
        await page.waitForSelector('#rl-play');
        await page.waitForFunction(() => Number(document.querySelector('[data-metric="clock"]').dataset.value) > 200, null, { timeout: 10000 });
        noErrors(errors, 'play');
      });
    }],

    ['embed: every widget has a share panel with its link, snippets and a preview', async () => {
      await withPage({}, async ({ page, errors }) => {
        await page.goto(`${ctx.sub.base}?view=quorum&n=5`);
        await ready(page);
        await page.click('#share summary');
        // The panel fills in on the details element's toggle event, a task later.
        await page.waitForSelector('#share-link');
        const link = await page.$eval('#share-link', (e) => e.value);
        assert(link.includes('view=quorum') && link.includes('n=5'), `link ${link}`);
        // The whole widget: an element naming the view and the state, with a link and the
        // picture inside for readers without JavaScript, and the script.
        const snippet = await page.$eval('#share-script', (e) => e.value);
        assert(/^<dials-embed view="quorum" state="[^"]*n=5[^"]*" height="\d+" style="display:block;height:\d+px"><a href="[^"]+"><img src="[^"]+previews\/quorum\.svg"/.test(snippet)
          && snippet.endsWith('embed.js" defer></script>'), snippet);
        const plain = await page.$eval('#share-iframe', (e) => e.value);
        assert(plain.includes('embed=1') && plain.includes('data-dials'), plain);
        await page.waitForFunction(() => {
          const f = document.querySelector('iframe.share-preview');
          return f && f.contentDocument && f.contentDocument.querySelector('.quorum-widget');
        }, null, { timeout: 15000 });
        // Both snippets reserve the height the preview reports.
        await page.waitForFunction(() => {
          const f = document.querySelector('iframe.share-preview');
          const h = f.contentDocument.body.scrollHeight;
          const s = document.querySelector('#share-script').value;
          return Math.abs(Number(/height="(\d+)"/.exec(s)[1]) - h) <= 2;
        }, null, { timeout: 15000 });
        // A scene: the element names it, and its page gives a card.
        await page.selectOption('#share-scene', 'overlap');
        const scene = await page.$eval('#share-script', (e) => e.value);
        assert(scene.startsWith('<dials-embed scene="quorum/overlap" style="display:block;height:') && scene.includes('previews/quorum/overlap.svg'), scene);
        const card = await page.$eval('#share-card', (e) => e.value);
        assert(card.endsWith('/quorum.overlap.html'), card);
        noErrors(errors, 'share');
      });
    }],
  ];
}
