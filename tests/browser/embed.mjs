// Browser tests of embedding: the example page with every widget in an
// iframe, sizing by message, theme messages, malformed messages, the
// controls option and the share panel.

import path from 'node:path';
import { ready, assert } from './harness.mjs';

export function embedTests(ctx) {
  const { withPage, noErrors, shots } = ctx;
  return [
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
        const snippet = await page.$eval('#share-script', (e) => e.value);
        assert(snippet.includes('embed=1') && snippet.includes('data-dials') && snippet.includes('embed.js'), snippet);
        await page.waitForFunction(() => {
          const f = document.querySelector('iframe.share-preview');
          return f && f.contentDocument && f.contentDocument.querySelector('.quorum-widget');
        }, null, { timeout: 15000 });
        noErrors(errors, 'share');
      });
    }],
  ];
}
