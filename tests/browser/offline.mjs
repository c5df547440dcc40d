// Browser tests of the offline copy: after one visit the app reloads with the
// network off, and a new build replaces the old one whole (sw.js, written by
// scripts/service_worker.py from assets/sw.js).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serve, ready, assert } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/// Waits until a service worker controls the page: the worker takes charge of
/// the page that registered it once installed; if not, a reload gives it one.
async function controlled(page) {
  const wait = (timeout) => page.waitForFunction(() => Boolean(navigator.serviceWorker.controller), null, { timeout })
    .then(() => true, () => false);
  if (await wait(20000)) return;
  await page.reload();
  await ready(page);
  assert(await wait(5000), 'no service worker controls the page');
}

/// The page's own `dials-*` caches, sorted.
function dialsCaches(page) {
  return page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('dials-')).sort());
}

function versionOf(worker) {
  const m = /const VERSION = '([0-9a-f]+)';/.exec(worker);
  assert(m, 'sw.js names no version');
  return m[1];
}

/// Which test build the page runs, as the page sees it: its document and a file it loads.
function buildSeen(page) {
  return page.evaluate(async () => ({
    page: document.querySelector('meta[name="dials-test-build"]')?.content || '1',
    file: ((await (await fetch('./embed.js')).text()).match(/dials-test-build (\d+)/) || [])[1] || '1',
  }));
}

export function offlineTests(ctx) {
  const { withPage, noErrors } = ctx;
  return [
    ['offline: after one visit a reload works with the network off', async () => {
      await withPage({}, async ({ page, context, errors }) => {
        await page.goto(`${ctx.sub.base}?view=ring`);
        await ready(page);
        await controlled(page);
        noErrors(errors, 'online');
        await context.setOffline(true);
        try {
          // The network is really off: a file outside the build cannot load
          // (and Chromium logs that failure as a console error, not counted here).
          const outside = await page.evaluate(() => fetch('./not-in-the-build.txt').then(() => 'loaded', () => 'failed'));
          assert(outside === 'failed', `a request reached the network while offline: ${outside}`);
          assert(errors.every((e) => e.includes('net::')), `errors: ${errors.join(' | ')}`);
          errors.length = 0;
          const res = await page.goto(`${ctx.sub.base}?view=quorum&n=5`);
          assert(res.fromServiceWorker(), 'the page did not come from the service worker');
          await ready(page);
          await page.waitForSelector('.widget');
          await page.waitForSelector('[data-metric="p-stale"]');
          assert((await page.$$('[data-metric]')).length > 5, 'the quorum widget has no readouts');
          await page.reload();
          await ready(page);
          await page.waitForSelector('.quorum-widget [data-metric]');
          await page.goto(`${ctx.sub.base}index.html?view=ring`);
          await page.waitForSelector('svg.ring .marker');
        } finally {
          await context.setOffline(false);
        }
        noErrors(errors, 'offline');
      });
    }],

    ['offline: an embedded page registers no worker and fetches only its own widget', async () => {
      await withPage({}, async ({ page, requests, errors }) => {
        // An embed shows no site header, so wait for the widget itself.
        await page.goto(`${ctx.sub.base}?view=ring&embed=1`);
        await page.waitForSelector('svg.ring .marker');
        // Past the load event, when a page that is not embedded would register.
        await page.waitForTimeout(1500);
        const registered = await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length);
        assert(registered === 0, `${registered} service workers registered by an embed`);
        const wasm = requests.filter((u) => u.endsWith('.wasm'));
        assert(wasm.length === 1 && /\/ring-[0-9a-f]+_bg\.wasm$/.test(wasm[0]), `wasm fetched: ${wasm.join(', ')}`);
        noErrors(errors, 'embed');
      });
    }],

    ['offline: a new build replaces the old one whole, after its tabs close', async () => {
      // A copy of the served build on a server of its own, so the test can deploy new builds to it.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dials-offline-'));
      const worker = await (await fetch(new URL('sw.js', ctx.sub.base))).text();
      const files = Object.keys(JSON.parse(/const FILES = (\{[\s\S]*?\});/.exec(worker)[1]));
      assert(files.includes('index.html') && files.includes('loader.js'), `files listed in sw.js: ${files}`);
      for (const f of [...files, 'sw.js']) {
        const res = await fetch(new URL(f, ctx.sub.base));
        assert(res.ok, `${f}: ${res.status}`);
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), Buffer.from(await res.arrayBuffer()));
      }
      const original = { index: fs.readFileSync(path.join(dir, 'index.html'), 'utf8'), embed: fs.readFileSync(path.join(dir, 'embed.js'), 'utf8') };
      // A build differs from the first in index.html and embed.js; the hook writes its sw.js.
      const deploy = (n, { stale = false } = {}) => {
        fs.writeFileSync(path.join(dir, 'index.html'), original.index.replace('<head>', `<head>\n    <meta name="dials-test-build" content="${n}" />`));
        fs.writeFileSync(path.join(dir, 'embed.js'), `${original.embed}/* dials-test-build ${n} */\n`);
        execFileSync('python3', [path.join(root, 'scripts/service_worker.py')], { env: { ...process.env, TRUNK_STAGING_DIR: dir } });
        // An upload half done: sw.js is new but embed.js is still the previous build's.
        if (stale) fs.writeFileSync(path.join(dir, 'embed.js'), `${original.embed}/* dials-test-build ${n - 1} */\n`);
        return versionOf(fs.readFileSync(path.join(dir, 'sw.js'), 'utf8'));
      };
      const site = await serve(dir, '/dials/');
      try {
        const v1 = versionOf(worker);
        let v2;
        await withPage({}, async ({ page, context, errors }) => {
          await page.goto(`${site.base}?view=ring`);
          await ready(page);
          await controlled(page);
          let names = await dialsCaches(page);
          assert(JSON.stringify(names) === JSON.stringify([`dials-${v1}`]), `caches ${names}, sw.js version ${v1}`);

          // Build 2 arrives while a tab runs build 1: it installs and waits.
          v2 = deploy(2);
          assert(v2 !== v1, 'a changed build kept its version');
          await page.reload();
          await ready(page);
          assert(await page.evaluate(async () => {
            const reg = await navigator.serviceWorker.getRegistration();
            for (let i = 0; i < 200 && !reg.waiting; i++) await new Promise((r) => setTimeout(r, 100));
            return Boolean(reg.waiting);
          }), 'build 2 never finished installing');
          names = await dialsCaches(page);
          assert(JSON.stringify(names) === JSON.stringify([`dials-${v1}`, `dials-${v2}`].sort()), `caches while build 2 waits: ${names}`);
          // Reloading still gives build 1, all of it.
          await page.reload();
          await ready(page);
          let seen = await buildSeen(page);
          assert(seen.page === '1' && seen.file === '1', `while build 2 waits the tab got ${JSON.stringify(seen)}`);
          noErrors(errors, 'build 1');

          // Once build 1's tab is closed, the next visit runs build 2 and build 1's cache is gone.
          await page.close();
          const next = await context.newPage();
          const nextErrors = [];
          next.on('console', (m) => { if (m.type() === 'error') nextErrors.push(m.text()); });
          next.on('pageerror', (e) => nextErrors.push(e.message));
          // Build 2 activates as this navigation starts; wait for the app, not
          // for every subresource's load event, which the swap can hold up.
          await next.goto(`${site.base}?view=ring`, { waitUntil: 'commit' });
          await ready(next);
          seen = await buildSeen(next);
          assert(seen.page === seen.file, `a mix of builds: ${JSON.stringify(seen)}`);
          if (seen.page !== '2') {
            await next.reload();
            await ready(next);
            seen = await buildSeen(next);
          }
          assert(seen.page === '2' && seen.file === '2', `after the old tab closed: ${JSON.stringify(seen)}`);
          // Build 2's activation deletes build 1's cache, perhaps a moment after the page loaded.
          for (let i = 0; i < 100 && (names = await dialsCaches(next)).length > 1; i++) await next.waitForTimeout(100);
          assert(JSON.stringify(names) === JSON.stringify([`dials-${v2}`]), `caches after build 2 took over: ${names}`);

          // Build 3 half uploaded: its worker refuses the stale file, and build 2 stays, whole.
          const v3 = deploy(3, { stale: true });
          const state = await next.evaluate(async () => {
            const reg = await navigator.serviceWorker.getRegistration();
            const found = new Promise((resolve) => reg.addEventListener('updatefound', () => resolve(reg.installing), { once: true }));
            await reg.update();
            const w = await Promise.race([found, new Promise((resolve) => setTimeout(resolve, 10000, null))]);
            if (!w) return 'no new worker';
            const done = () => w.state === 'redundant' || w.state === 'installed' || w.state === 'activated';
            if (done()) return w.state;
            return new Promise((resolve) => w.addEventListener('statechange', () => { if (done()) resolve(w.state); }));
          });
          assert(state === 'redundant', `build 3 with a stale file: its worker ended ${state}`);
          names = await dialsCaches(next);
          assert(JSON.stringify(names) === JSON.stringify([`dials-${v2}`]), `caches after a failed install (build 3 is ${v3}): ${names}`);
          await next.reload();
          await ready(next);
          seen = await buildSeen(next);
          assert(seen.page === '2' && seen.file === '2', `after a failed install the tab got ${JSON.stringify(seen)}`);
          noErrors(nextErrors, 'build 2');
        });
      } finally {
        site.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }],
  ];
}
