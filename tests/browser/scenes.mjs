// Browser tests of scenes, on the consistent-hashing ring: every scene of the
// tour brings its figure into view under its caption at three screen sizes and
// draws what the caption names; presenter slides fill the screen; scene
// embeds fit a blog column; a topology change sends the moved keys on their
// way in under 600 ms, or shows a still under reduced motion.

import path from 'node:path';
import { assert } from './harness.mjs';

/// The ring's scenes: name, the figure it brings into view, and a selector
/// for what it highlights (checked present).
export const RING_SCENES = [
  ['one-node', 'ring', 'svg.ring .marker'],
  ['one-spot-each', 'ring', '#ring-load-chart[data-highlight="N2"]'],
  ['node-joins', 'ring', 'svg.ring .moved .packet'],
  ['virtual-nodes', 'ring', 'svg.ring .moved .packet'],
  ['node-leaves', 'ring', 'svg.ring .ghost[data-node="2"]'],
  ['replicas', 'ring', 'svg.ring .preference .pref-replica'],
  ['bounded-loads', 'compare', 'table.compare.marking tr.marked[data-strategy="bounded"]'],
];

/// Waits until scrolling has stopped.
async function still(page) {
  let last = -1;
  for (let i = 0; i < 40; i++) {
    const y = await page.evaluate(() => window.scrollY);
    if (y === last) break;
    last = y;
    await page.waitForTimeout(100);
  }
}

/// The box of an element in the viewport, and the viewport's size.
function box(page, selector) {
  return page.evaluate((s) => {
    const e = document.querySelector(s);
    if (!e) return null;
    const r = e.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height,
      vw: window.innerWidth, vh: window.innerHeight, visible: getComputedStyle(e).display !== 'none' };
  }, selector);
}

/// The main drawing of a figure block: the ring's square, or the block's first canvas.
function drawing(figure) {
  return figure === 'ring' ? '[data-figure="ring"] .ring-figure' : `[data-figure="${figure}"] canvas`;
}

/// The checks every widget's scenes pass, at every size the product names:
/// - on the tour at 1280×800, 1024×768 and 360×740, each scene's caption and
///   figure are both in view (the figure under the caption or beside it), what
///   it highlights is drawn, and the page does not scroll sideways;
/// - as a presenter slide at 1920×1080 and 1024×768, the figure takes at least
///   half the screen, the caption is in view, only the scene's figures show, no
///   heading is left without its content and the slide does not scroll;
/// - embedded at 700 px wide, the scene is at most 800 px tall, with its figure,
///   its caption and a link to the full widget, and nothing else of the page.
///
/// `scenes` lists [name, figure, selector of what the scene highlights];
/// `wait` waits for the widget's delayed figures (defaults to none);
/// `drawn` gives the selector of a figure's drawing (its first canvas or svg).
export function sceneChecks(ctx, slug, scenes, opts = {}) {
  const { withPage, noErrors, shots } = ctx;
  const wait = opts.wait || (async () => {});
  const drawn = opts.drawn || ((figure) => `[data-figure="${figure}"] :is(canvas, svg)`);
  const settle = async (page) => { await wait(page); await still(page); };
  return [
    [`scenes: every ${slug} scene shows its figure beside its caption and draws what it names, at three sizes`, async () => {
      for (const [w, h] of [[1280, 800], [1024, 768], [360, 740]]) {
        await withPage({ width: w, height: h }, async ({ page, errors }) => {
          await page.goto(`${ctx.sub.base}?view=${slug}`);
          await page.waitForSelector('#tour-start');
          await page.click('#tour-start');
          for (let i = 0; i < scenes.length; i++) {
            const [name, figure, mark] = scenes[i];
            if (i > 0) await page.click('#tour-next');
            await page.waitForSelector(`.tour-card[data-scene="${name}"]`);
            await settle(page);
            const card = await box(page, '.tour-card');
            assert(card.top >= -1 && card.bottom <= h + 1, `${slug} ${w}×${h} ${name}: caption off screen ${JSON.stringify(card)}`);
            const fig = await box(page, drawn(figure));
            assert(fig && fig.visible, `${slug} ${w}×${h} ${name}: no ${figure}`);
            const beside = fig.left >= card.right - 2 || fig.right <= card.left + 2;
            // Wholly in view when it fits in what the caption leaves, else its top half.
            const room = beside ? h : h - card.height;
            const inView = fig.height <= room ? fig.bottom <= h + 1 : fig.top < h - Math.min(fig.height, h) / 2;
            assert((beside || fig.top >= card.bottom - 2) && fig.top >= -1 && inView,
              `${slug} ${w}×${h} ${name}: ${figure} not in view with the caption: ${JSON.stringify({ card, fig })}`);
            assert(fig.left >= -1 && fig.right <= w + 1, `${slug} ${w}×${h} ${name}: ${figure} cut at the side`);
            if (mark) assert(await page.$(mark), `${slug} ${w}×${h} ${name}: no ${mark}`);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            assert(overflow <= 0, `${slug} ${w}×${h} ${name}: the page scrolls sideways by ${overflow}px`);
            await page.screenshot({ path: path.join(shots, `scene-${slug}-${w}x${h}-${i + 1}-${name}.png`) });
          }
          noErrors(errors, `${slug} scenes ${w}×${h}`);
        });
      }
    }],

    [`scenes: ${slug} presenter slides fill the screen with the scene alone, moved by arrows`, async () => {
      for (const [w, h] of [[1920, 1080], [1024, 768]]) {
        await withPage({ width: w, height: h }, async ({ page, errors }) => {
          await page.goto(`${ctx.sub.base}?view=${slug}&present=1&scene=${scenes[0][0]}`);
          await page.waitForSelector('.widget.slide .tour-card');
          for (let i = 0; i < scenes.length; i++) {
            const [name, figure] = scenes[i];
            if (i > 0) await page.keyboard.press(i % 2 ? 'ArrowRight' : 'PageDown');
            await page.waitForSelector(`.tour-card[data-scene="${name}"]`);
            await settle(page);
            await page.waitForTimeout(200);
            const hero = await box(page, `[data-figure="${figure}"]`);
            assert(hero && hero.visible, `${slug} ${w}×${h} ${name}: no ${figure}`);
            const share = (hero.width * hero.height) / (w * h);
            assert(share >= 0.5, `${slug} ${w}×${h} ${name}: the figure takes ${(share * 100).toFixed(1)}% of the screen`);
            assert(hero.top >= -1 && hero.bottom <= h + 1 && hero.right <= w + 1, `${slug} ${w}×${h} ${name}: figure off screen ${JSON.stringify(hero)}`);
            const card = await box(page, '.tour-card');
            assert(card.top >= -1 && card.bottom <= h + 1, `${slug} ${w}×${h} ${name}: caption off screen`);
            const shown = await page.$$eval('[data-figure]', (es) => es.filter((e) => e.offsetParent !== null).map((e) => e.dataset.figure));
            assert(shown.includes(figure) && shown.length <= 2, `${slug} ${w}×${h} ${name}: figures shown ${shown}`);
            const empty = await page.$$eval('.widget h2, .widget h3', (hs) => hs.filter((h) => h.offsetParent !== null)
              .filter((h) => ![...h.parentElement.children].some((c) => c !== h && c.offsetParent !== null
                && (c.textContent.trim() || c.matches('canvas, svg') || c.querySelector('canvas, svg'))))
              .map((h) => h.textContent));
            assert(empty.length === 0, `${slug} ${w}×${h} ${name}: empty headings ${empty}`);
            const scroll = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
            assert(scroll <= 2, `${slug} ${w}×${h} ${name}: the slide scrolls by ${scroll}px`);
            await page.screenshot({ path: path.join(shots, `slide-${slug}-${w}x${h}-${i + 1}-${name}.png`) });
          }
          await page.keyboard.press('ArrowLeft');
          await page.waitForSelector(`.tour-card[data-scene="${scenes[scenes.length - 2][0]}"]`);
          noErrors(errors, `${slug} slides ${w}×${h}`);
        });
      }
    }],

    [`scenes: every scene embed of ${slug} fits a 700 px column in 800 px`, async () => {
      // A short window, so the page's height is its content's.
      await withPage({ width: 700, height: 300 }, async ({ page, errors }) => {
        for (let i = 0; i < scenes.length; i++) {
          const [name, figure] = scenes[i];
          await page.goto(`${ctx.sub.base}?view=${slug}&scene=${name}&embed=1`);
          await page.waitForSelector(`.tour-card[data-scene="${name}"]`);
          await settle(page);
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          assert(height <= 800, `${slug} ${name}: the embed is ${height}px tall`);
          const hero = await box(page, drawn(figure));
          assert(hero && hero.visible && hero.width >= 300, `${slug} ${name}: figure ${JSON.stringify(hero)}`);
          assert(!(await page.isVisible('.widget-header')) && !(await page.isVisible('.explain')), `${slug} ${name}: more than the scene`);
          assert(!(await page.$('#tour-next')), `${slug} ${name}: tour buttons in an embed`);
          assert(await page.isVisible('.embed-open a'), `${slug} ${name}: no link to the full widget`);
          assert(await page.$eval('.embed-open a', (a) => {
            const r = a.getBoundingClientRect();
            return a.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
          }), `${slug} ${name}: the link to the full widget is covered`);
          await page.screenshot({ path: path.join(shots, `embed-${slug}-700-${i + 1}-${name}.png`), fullPage: true });
        }
        noErrors(errors, `${slug} scene embeds`);
      });
    }],
  ];
}

/// Waits until the ring's delayed figures have caught up.
async function ringCaughtUp(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('#moves-updating, #compare-updating')]
    .every((e) => !e.textContent.includes('Updating')), null, { timeout: 10000 });
}

export function scenesTests(ctx) {
  const { withPage, noErrors, shots } = ctx;
  return [
    ...sceneChecks(ctx, 'ring', RING_SCENES, { wait: ringCaughtUp, drawn: drawing }),

    ['scenes: a scene dims what it does not name', async () => {
      await withPage({}, async ({ page, errors }) => {
        await page.goto(`${ctx.sub.base}?view=ring&scene=node-joins`);
        await page.waitForSelector('svg.ring .moved');
        await ringCaughtUp(page); await still(page);
        // The other nodes' arcs and every key dot are drawn faded: the canvas
        // holds far fewer strongly coloured pixels than the same state off the tour.
        const strong = () => page.$eval('canvas.ring-canvas', (c) => {
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4) {
            if (d[i + 3] > 200 && Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 90) n++;
          }
          return n;
        });
        const dimmed = await strong();
        assert(!(await page.isVisible('svg.ring .preference')), 'the walk is hidden in a scene about moves');
        await page.click('#tour-end');
        await page.waitForTimeout(300);
        const full = await strong();
        assert(dimmed < full * 0.6, `dimmed ${dimmed} vs full ${full}`);
        assert(await page.isVisible('svg.ring .preference'), 'the walk is back on the page');
        noErrors(errors, 'dimming');
      });
    }],

    ['scenes: the up and down arrows step a scene\'s timeline in presenter mode', async () => {
      await withPage({ width: 1280, height: 800 }, async ({ page, errors }) => {
        await page.goto(`${ctx.sub.base}?view=cache&present=1&beat=1`);
        await page.waitForSelector('.widget.slide .tour-card');
        await page.waitForTimeout(300);
        const at = () => new URL(page.url()).searchParams.get('at');
        const before = at();
        await page.keyboard.press('ArrowDown');
        await page.waitForFunction((b) => new URL(location.href).searchParams.get('at') !== b, before, { timeout: 5000 });
        await page.keyboard.press('ArrowUp');
        await page.waitForFunction((b) => new URL(location.href).searchParams.get('at') === b, before, { timeout: 5000 });
        assert(await page.$('.tour-card[data-beat="1"]'), 'the scene stays');
        noErrors(errors, 'timeline keys');
      });
    }],

    ['ring: a change sends the moved keys from their old owner to the new in under 600 ms; reduced motion shows a still', async () => {
      await withPage({}, async ({ page, errors }) => {
        await page.goto(`${ctx.sub.base}?view=ring&nodes=5&vnodes=1&change=none`);
        await page.waitForSelector('svg.ring .marker');
        await page.click('#ring-add');
        await page.waitForSelector('svg.ring .packet');
        const ends = await page.evaluate(() => document.getAnimations()
          .filter((a) => a.effect && a.effect.target && a.effect.target.classList.contains('packet'))
          .map((a) => a.effect.getComputedTiming().endTime));
        assert(ends.length > 0, 'no key travels');
        assert(Math.max(...ends) <= 600, `the journey takes ${Math.max(...ends)} ms`);
        const from = await page.$eval('svg.ring .moved', (g) => g.dataset.from);
        assert(from !== undefined && from !== '5', `keys came from N${from}`);
        noErrors(errors, 'motion');
      });
      await withPage({ reducedMotion: 'reduce' }, async ({ page, errors }) => {
        await page.goto(`${ctx.sub.base}?view=ring&scene=node-joins`);
        await page.waitForSelector('svg.ring .moved');
        await ringCaughtUp(page); await still(page);
        const running = await page.evaluate(() => document.getAnimations().length);
        assert(running === 0, `${running} animations under reduced motion`);
        assert(await page.isVisible('svg.ring .trail'), 'no still trail');
        assert(await page.isVisible('svg.ring .moved-halo'), 'no before/after mark on the moved keys');
        noErrors(errors, 'still');
      });
    }],

    ['ring: labels on the drawing stay readable on a phone', async () => {
      await withPage({ width: 360, height: 740 }, async ({ page, errors }) => {
        await page.goto(`${ctx.sub.base}?view=ring&scene=replicas`);
        await page.waitForSelector('svg.ring .pref-label');
        const sizes = await page.$$eval('svg.ring text', (ts) => ts.filter((t) => t.getClientRects().length > 0).map((t) => {
          const svg = t.ownerSVGElement;
          return parseFloat(getComputedStyle(t).fontSize) * (svg.getBoundingClientRect().width / 400);
        }));
        assert(sizes.length > 0 && Math.min(...sizes) >= 10.5, `text on the ring at ${Math.min(...sizes).toFixed(1)} px`);
        noErrors(errors, 'phone labels');
      });
    }],
  ];
}
