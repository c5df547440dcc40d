// Browser tests of talk mode: presenter mode by key and by link, every
// documented shortcut (and none inside a field), tours walked both ways with
// the URL tracking the beat, scrubbing that reproduces readouts, animations
// that pause off screen and in a hidden tab, and reduced motion.

import path from 'node:path';
import { metrics, assert } from './harness.mjs';

const param = (page, name) => new URL(page.url()).searchParams.get(name);

async function open(page, base, q) {
  await page.goto(`${base}${q}`);
  // In presenter mode the header is there but hidden.
  await page.waitForSelector('.site-header', { state: 'attached', timeout: 20000 });
  await page.waitForSelector('.widget');
  await page.waitForTimeout(300);
}

/// Waits for the debounced URL write to show `name=value`.
async function urlHas(page, name, value) {
  await page.waitForFunction(([n, v]) => new URL(location.href).searchParams.get(n) === v, [name, String(value)], { timeout: 5000 });
}

export function talkTests(ctx) {
  const { withPage, noErrors, shots } = ctx;
  return [
    ['talk: presenter mode is entered and left by key, and by link', async () => {
      await withPage({ width: 1024, height: 768 }, async ({ page, errors }) => {
        await open(page, ctx.sub.base, '?view=ring&nodes=6');
        const presenting = () => page.evaluate(() => document.documentElement.classList.contains('presenting'));
        assert(!(await presenting()), 'not presenting at first');
        await page.keyboard.press('p');
        assert(await presenting(), 'p enters presenter mode');
        assert(param(page, 'present') === '1', `URL ${page.url()}`);
        assert(!(await page.isVisible('.site-header')), 'the site header steps aside');
        assert(!(await page.isVisible('#share')), 'the share panel steps aside');
        const big = await page.$eval('html', (e) => parseFloat(getComputedStyle(e).fontSize));
        assert(big >= 20, `projector type: ${big}px`);
        await page.screenshot({ path: path.join(shots, 'presenter-1024x768.png') });
        await page.keyboard.press('p');
        assert(!(await presenting()), 'p again leaves');
        assert(param(page, 'present') === null, `URL ${page.url()}`);
        await page.keyboard.press('p');
        await page.keyboard.press('Escape');
        assert(!(await presenting()), 'Escape leaves');
        // The link option, kept when the widget rewrites its state.
        await open(page, ctx.sub.base, '?view=ring&nodes=6&present=1');
        assert(await presenting(), 'present=1 opens in presenter mode');
        await page.click('#ring-add');
        await urlHas(page, 'nodes', 7);
        assert(param(page, 'present') === '1', `present kept: ${page.url()}`);
        noErrors(errors, 'presenter');
      });
      await withPage({ width: 1920, height: 1080, colorScheme: 'dark' }, async ({ page }) => {
        await open(page, ctx.sub.base, '?view=cells&beat=5&present=1');
        await page.screenshot({ path: path.join(shots, 'presenter-1920x1080-dark.png') });
      });
    }],

    ['talk: in presenter mode the canvases grow with the type, drawn sharp', async () => {
      await withPage({ width: 1920, height: 1080 }, async ({ page, errors }) => {
        const measure = () => page.$$eval('canvas.lanes, canvas.chart', (cs) => cs.map((c) => ({
          css: c.clientHeight, backing: c.height, dpr: devicePixelRatio,
          root: parseFloat(getComputedStyle(document.documentElement).fontSize),
        })));
        await open(page, ctx.sub.base, '?view=rate-limit');
        const normal = await measure();
        await open(page, ctx.sub.base, '?view=rate-limit&present=1');
        await page.waitForTimeout(300);
        const big = await measure();
        assert(normal.length > 0 && big.length === normal.length, `canvases: ${normal.length} vs ${big.length}`);
        // A slide shows only its scene's figures: the canvases it hides are not compared.
        assert(big.some((b) => b.css > 0), 'no canvas on the slide');
        big.forEach((b, i) => {
          if (b.css === 0) return;
          // At least as much as the page's type (150% of the reader's size in
          // presenter mode); a slide's main figure grows further, to fill the screen.
          const grow = b.css / normal[i].css;
          const type = b.root / normal[i].root;
          assert(type > 1.2, `type grew only ${type}`);
          assert(grow >= type - 0.02, `canvas ${i} grew ${grow.toFixed(3)}×, type ${type.toFixed(3)}×: ${JSON.stringify([normal, big])}`);
          assert(Math.abs(b.backing - b.css * b.dpr) <= 1, `canvas ${i} backing ${b.backing} for ${b.css} CSS px`);
        });
        noErrors(errors, 'presenter canvases');
      });
    }],

    ['talk: every documented shortcut does what it says, and none fires inside a field', async () => {
      await withPage({}, async ({ page, errors }) => {
        // ? opens the overlay, which lists every key; Escape closes it.
        await open(page, ctx.sub.base, '?view=ring&nodes=5');
        await page.keyboard.press('?');
        await page.waitForSelector('[role="dialog"]');
        const rows = await page.$$eval('table.keys tr', (r) => r.length);
        assert(rows >= 8, `${rows} shortcuts listed`);
        assert(await page.evaluate(() => document.activeElement.id) === 'keys-close', 'focus moves into the overlay');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Shift+Tab');
        await page.keyboard.press('Tab');
        assert(await page.evaluate(() => document.activeElement.id) === 'keys-close', 'Tab stays inside the overlay');
        await page.keyboard.press('Escape');
        assert(!(await page.$('[role="dialog"]')), 'Escape closes the overlay');
        // Focus goes back where it was: a button opens the overlay and gets focus again.
        await page.click('#keys-help');
        await page.waitForSelector('[role="dialog"]');
        await page.click('#keys-close');
        await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'keys-help', null, { timeout: 3000 })
          .catch(() => { throw new Error('focus did not return to the button that opened the overlay'); });
        // 1–9: presets.
        const before = await page.$eval('#ring-vnodes', (e) => e.value);
        await page.keyboard.press('2');
        await page.waitForFunction((b) => document.querySelector('#ring-vnodes')?.value !== b, before);
        // r: back to the state the link opened with.
        await page.keyboard.press('r');
        await page.waitForFunction((b) => document.querySelector('#ring-vnodes')?.value === b, before);
        assert(await page.$eval('#ring-nodes', (e) => e.value) === '5', 'nodes back to 5');
        // Nothing fires inside a field: a slider keeps its arrows, a text field its letters.
        await page.focus('#ring-nodes');
        await page.keyboard.press('p');
        await page.keyboard.press('3');
        await page.keyboard.press('?');
        assert(!(await page.evaluate(() => document.documentElement.classList.contains('presenting'))), 'p inside a slider');
        assert(!(await page.$('[role="dialog"]')), '? inside a slider');
        assert(await page.$eval('#ring-vnodes', (e) => e.value) === before, '3 inside a slider');
        await page.click('#ring-more-toggle');
        await page.focus('#ring-seed');
        await page.keyboard.press('t');
        assert(param(page, 'beat') === null, 't inside a text field');

        // Space, . and b: play and pause. Arrows and PgUp/PgDn: steps.
        await open(page, ctx.sub.base, '?view=cache&at=5');
        await page.keyboard.press('ArrowRight');
        await urlHas(page, 'at', 6);
        await page.keyboard.press('PageDown');
        await urlHas(page, 'at', 7);
        await page.keyboard.press('ArrowLeft');
        await page.keyboard.press('PageUp');
        await urlHas(page, 'at', 5);
        await page.keyboard.press(' ');
        await page.waitForFunction(() => document.querySelector('#cache-play').textContent.includes('Pause'));
        await page.keyboard.press(' ');
        await page.waitForFunction(() => !document.querySelector('#cache-play').textContent.includes('Pause'));
        for (const k of ['.', 'b']) {
          await page.keyboard.press(k);
          await page.waitForFunction(() => document.querySelector('#cache-play').textContent.includes('Pause'));
          await page.keyboard.press(k);
          await page.waitForFunction(() => !document.querySelector('#cache-play').textContent.includes('Pause'));
        }
        // The rate limiter's own key still fires requests.
        await open(page, ctx.sub.base, '?view=rate-limit&live=1');
        await page.keyboard.press('ArrowRight');
        await page.waitForTimeout(300);
        const m = await metrics(page);
        assert(Number(m.clock) > 0, `ArrowRight moves the clock to the next request: ${m.clock}`);
        noErrors(errors, 'shortcuts');
      });
    }],

    ['talk: a tour walked forward and back, the URL naming the scene', async () => {
      await withPage({}, async ({ page, errors }) => {
        await open(page, ctx.sub.base, '?view=ring');
        await page.keyboard.press('t');
        await page.waitForSelector('.tour-card[data-beat="1"]');
        await urlHas(page, 'scene', 'one-node');
        await page.waitForSelector('svg.ring .marker');
        assert((await page.$$('svg.ring .marker')).length === 1, 'scene 1: one node');
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('PageDown');
        await page.waitForSelector('.tour-card[data-beat="3"]');
        await urlHas(page, 'scene', 'node-joins');
        await page.waitForFunction(() => document.querySelectorAll('svg.ring .marker').length === 6);
        await page.keyboard.press('ArrowLeft');
        await page.waitForSelector('.tour-card[data-beat="2"]');
        await page.click('#tour-next');
        await page.waitForSelector('.tour-card[data-beat="3"]');
        await page.waitForFunction(() => ![...document.querySelectorAll('#moves-updating')].some((e) => e.textContent.includes('Updating')));
        const atThree = await metrics(page);
        const caption = await page.$eval('.tour-caption', (e) => e.textContent);
        // The same scene from a link on a slide, by number and by name.
        for (const q of ['?view=ring&beat=3', '?view=ring&scene=node-joins']) {
          await open(page, ctx.sub.base, q);
          await page.waitForSelector('.tour-card[data-beat="3"]');
          const linked = await metrics(page);
          assert(linked['moved-share'] === atThree['moved-share'], `${q}: moved ${linked['moved-share']} vs ${atThree['moved-share']}`);
          assert(await page.$eval('.tour-caption', (e) => e.textContent) === caption, `${q}: the same caption`);
        }
        // Back returns to the previous scene.
        await page.click('#tour-next');
        await page.waitForSelector('.tour-card[data-beat="4"]');
        await page.goBack();
        await page.waitForSelector('.tour-card[data-beat="3"]');
        // Past the last scene it stays; ending keeps the state and drops the scene.
        await open(page, ctx.sub.base, '?view=ring&beat=99');
        await page.waitForSelector('.notice');
        const last = await page.$eval('.tour-card', (e) => e.dataset.beat);
        await page.keyboard.press('ArrowRight');
        await page.waitForTimeout(200);
        assert(await page.$eval('.tour-card', (e) => e.dataset.beat) === last, 'no scene past the last');
        await page.click('#tour-end');
        await page.waitForSelector('#tour-start');
        await page.waitForFunction(() => new URL(location.href).searchParams.get('scene') === null);
        assert(param(page, 'eps') !== null, `URL after the tour ${page.url()}`);
        // A scene name that is not one says so.
        await open(page, ctx.sub.base, '?view=ring&scene=nope');
        await page.waitForSelector('.notice[data-param="scene"]');
        // Every widget's tour opens on every scene without a notice or an error.
        for (const view of ['ring', 'quorum', 'cache', 'rate-limit', 'cells', 'queue']) {
          await open(page, ctx.sub.base, `?view=${view}&beat=1`);
          const n = await page.$$eval('.tour-card', (b) => b.length);
          assert(n === 1, `${view}: a caption card`);
          let beat = 1;
          for (;;) {
            assert(!(await page.$('.notice')), `${view} scene ${beat}: a notice`);
            const text = await page.$eval('.tour-caption', (e) => e.textContent);
            assert(text.length > 40, `${view} scene ${beat}: caption "${text}"`);
            const next = await page.$('#tour-next:not([disabled])');
            if (!next) break;
            await next.click();
            beat += 1;
            await page.waitForSelector(`.tour-card[data-beat="${beat}"]`);
          }
          assert(beat >= 4 && beat <= 8, `${view}: ${beat} scenes`);
        }
        noErrors(errors, 'tour');
      });
    }],

    ['talk: scrubbing back then forward reproduces identical readouts', async () => {
      await withPage({}, async ({ page, errors }) => {
        // The readouts, and the drawing where the readouts do not follow the clock.
        const snap = (page, sel) => page.evaluate(async (s) => {
          const m = Object.fromEntries([...document.querySelectorAll('[data-metric]')].map((e) => [e.dataset.metric, e.dataset.value]));
          if (s) m.drawing = document.querySelector(s).outerHTML;
          return m;
        }, sel);
        for (const [q, back, fwd, pos, sel] of [
          ['?view=cache&at=10', '#cache-back', '#cache-step', 'at', '#lanes-left'],
          ['?view=cells&fault=deploy&minute=40', '#cells-back', '#cells-step', 'minute'],
          ['?view=quorum&t=0', '#q-step-back', '#q-step', 't', '#timeline-svg'],
          ['?view=rate-limit&live=1&t=0', '#rl-back', '#rl-step', 't'],
          ['?view=queue&at=10', '#queue-back', '#queue-forward', 'at', 'canvas.queue-picture'],
        ]) {
          await open(page, ctx.sub.base, q);
          for (let i = 0; i < 3; i++) await page.click(fwd);
          await page.waitForTimeout(300);
          const there = await snap(page, sel);
          const url = param(page, pos);
          for (let i = 0; i < 2; i++) await page.click(back);
          await page.waitForTimeout(300);
          const earlier = await snap(page, sel);
          assert(JSON.stringify(earlier) !== JSON.stringify(there), `${q}: stepping back changed nothing`);
          for (let i = 0; i < 2; i++) await page.click(fwd);
          await page.waitForTimeout(400);
          const again = await snap(page, sel);
          for (const k of Object.keys(there)) assert(again[k] === there[k], `${q}: ${k} ${again[k]} vs ${there[k]}`);
          assert(param(page, pos) === url, `${q}: position ${param(page, pos)} vs ${url}`);
        }
        noErrors(errors, 'scrub');
      });
    }],

    ['talk: animations pause in a hidden tab and off screen', async () => {
      await withPage({ width: 1000, height: 500 }, async ({ page, errors }) => {
        await open(page, ctx.sub.base, '?view=cells&fault=deploy&detect=600&rollback=600&wave=1&bake=60&play=1');
        const minute = () => page.$eval('#cells-minute', (e) => Number(e.value));
        const a = await minute();
        await page.waitForTimeout(600);
        const b = await minute();
        assert(b > a, `playing: ${a} → ${b}`);
        // Hidden tab.
        await page.evaluate(() => {
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
          document.dispatchEvent(new Event('visibilitychange'));
        });
        const c = await minute();
        await page.waitForTimeout(600);
        assert(await minute() === c, 'still while hidden');
        await page.evaluate(() => {
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
          document.dispatchEvent(new Event('visibilitychange'));
        });
        await page.waitForTimeout(600);
        const d = await minute();
        assert(d > c, `moves again when shown: ${c} → ${d}`);
        // Off screen: a tall spacer after the page, scrolled past the widget.
        await page.evaluate(() => {
          const s = document.createElement('div');
          s.style.height = '5000px';
          document.body.append(s);
          window.scrollTo(0, document.body.scrollHeight);
        });
        await page.waitForTimeout(300);
        const gone = await page.$eval('.stage', (e) => e.getBoundingClientRect().bottom < 0);
        assert(gone, 'the widget is scrolled out of view');
        const e1 = await minute();
        await page.waitForTimeout(600);
        assert(await minute() === e1, 'still while off screen');
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.waitForTimeout(600);
        assert(await minute() > e1, 'moves again on screen');
        noErrors(errors, 'motion');
      });
    }],

    ['talk: reduced motion leaves no tweens', async () => {
      const running = async (reducedMotion) => withPage({ reducedMotion }, async ({ page }) => {
        let count = 0;
        await open(page, ctx.sub.base, '?view=ring&nodes=5');
        await page.click('#ring-add');
        await page.waitForTimeout(100);
        count += await page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length);
        await open(page, ctx.sub.base, '?view=cache&at=3');
        await page.click('#cache-step');
        await page.waitForTimeout(50);
        count += await page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length);
        return count;
      });
      assert(await running('no-preference') > 0, 'tweens run without the setting');
      assert(await running('reduce') === 0, 'no tween runs with reduced motion');
    }],
  ];
}
