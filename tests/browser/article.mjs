// Browser tests of the articles (`?view=<slug>&article=1`): read start to finish
// at 1280×800 and 360×740, every passage brings its scene to the figure (the
// same state the widget's own page writes for that scene, and what the scene
// highlights drawn), the figure stays in view beside or above its passage, the
// predict-then-reveal questions work with the mouse and the keyboard, axe
// finds nothing serious in either theme, the page loads its own widget's
// binary only, and it prints as text with a still per passage.

import path from 'node:path';
import { ready, assert } from './harness.mjs';
import { RING_SCENES } from './scenes.mjs';
import { QUEUE_SCENES } from './queue.mjs';
import { CELLS_SCENES } from './cells.mjs';
import { CACHE_SCENES } from './cache.mjs';
import { RATE_SCENES } from './rate_limit.mjs';
import { QUORUM_SCENES } from './quorum.mjs';

/// Each widget with an article: its slug and what each scene highlights
/// (a selector inside the figure; empty for nothing).
const marks = (scenes) => Object.fromEntries(scenes.map(([name, , mark]) => [name, mark]));
const ARTICLES = [
  ['ring', marks(RING_SCENES)], ['quorum', marks(QUORUM_SCENES)], ['cache', marks(CACHE_SCENES)],
  ['rate-limit', marks(RATE_SCENES)], ['cells', marks(CELLS_SCENES)], ['queue', marks(QUEUE_SCENES)],
];

/// Waits until the figure beside the text shows at least one of its blocks.
function figureShown(page) {
  return page.waitForFunction(() => [...document.querySelectorAll('.article-figure [data-figure]')]
    .some((e) => e.offsetParent !== null), null, { timeout: 30000 });
}

/// The state a widget's own page writes for a scene (its address less the
/// view and the scene), as sorted pairs.
async function sceneStates(ctx, page, slug, names) {
  const out = {};
  for (const name of names) {
    await page.goto(`${ctx.sub.base}?view=${slug}&scene=${name}`);
    await ready(page);
    await page.waitForFunction(() => new URLSearchParams(location.search).size > 3, null, { timeout: 10000 });
    out[name] = await page.evaluate(() => {
      const q = new URLSearchParams(location.search);
      q.delete('view'); q.delete('scene');
      return [...q].map(([k, v]) => `${k}=${v}`).sort().join('&');
    });
  }
  return out;
}

/// The figure's state, sorted like `sceneStates`.
function figureState(page) {
  return page.$eval('.article-figure [data-widget]', (e) => {
    const q = new URLSearchParams(e.dataset.state);
    q.delete('view');
    return [...q].map(([k, v]) => `${k}=${v}`).sort().join('&');
  });
}

/// Scrolls passage `i` to the reading line, as a reader would, and waits for
/// the figure to follow.
async function readTo(page, i, scene) {
  for (let k = 0; k < 3; k++) {
    await page.evaluate((i) => {
      const el = document.querySelectorAll('.passage')[i];
      // The reading line: the middle of the screen, a third of the way down on a phone.
      const line = innerHeight * (matchMedia('(max-width: 900px)').matches ? 0.35 : 0.5);
      window.scrollBy(0, el.getBoundingClientRect().top - line + 30);
    }, i);
    await page.waitForTimeout(120);
  }
  await page.waitForFunction(([i, s]) => {
    const f = document.querySelector('.article-figure [data-widget]');
    return f && f.dataset.scene === s && document.querySelectorAll('.passage')[i].classList.contains('current');
  }, [i, scene], { timeout: 5000 });
}

export function articleTests(ctx) {
  const { withPage, noErrors, shots, axeCheck } = ctx;
  const tests = [];
  for (const [slug, marks] of ARTICLES) {
    tests.push([`article: ${slug}, read start to finish at 1280×800 and 360×740, every passage brings its scene beside it`, async () => {
      const states = await withPage({}, async ({ page }) => sceneStates(ctx, page, slug, Object.keys(marks)));
      for (const [w, h] of [[1280, 800], [360, 740]]) {
        await withPage({ width: w, height: h }, async ({ page, errors }) => {
          await page.goto(`${ctx.sub.base}?view=${slug}&article=1`);
          await ready(page);
          await figureShown(page);
          const passages = await page.$$eval('.passage', (ps) => ps.map((p) => ({ scene: p.dataset.scene, ask: !!p.querySelector('.ask') })));
          assert(passages.length >= Object.keys(marks).length, `${slug}: ${passages.length} passages`);
          for (const [i, { scene, ask }] of passages.entries()) {
            await readTo(page, i, scene);
            const at = `${slug} ${w}×${h} passage ${i + 1} (${scene})`;
            if (ask) {
              // The question comes first: the figure does not show the answer yet.
              assert(await figureState(page) !== states[scene], `${at}: the answer shows before the question`);
              // Into view, then a click.
              const choice = `.passage[data-passage="${i}"] .ask-choice[data-choice="0"]`;
              await page.$eval(choice, (e) => {
                const r = e.getBoundingClientRect();
                if (r.top < 8) window.scrollBy(0, r.top - 8);
                else if (r.bottom > innerHeight - 8) window.scrollBy(0, r.bottom - innerHeight + 8);
              });
              await page.waitForTimeout(150);
              await page.click(choice);
              await page.waitForSelector(`.passage[data-passage="${i}"] .ask-reveal`);
            }
            await page.waitForFunction((s) => {
              const q = new URLSearchParams(document.querySelector('.article-figure [data-widget]').dataset.state);
              q.delete('view');
              return [...q].map(([k, v]) => `${k}=${v}`).sort().join('&') === s;
            }, states[scene], { timeout: 5000 }).catch(() => {});
            const shown = await figureState(page);
            assert(shown === states[scene], `${at}: the figure shows ${shown}, the scene is ${states[scene]}`);
            // The address names the passage's scene.
            await page.waitForFunction((s) => new URLSearchParams(location.search).get('scene') === s, scene, { timeout: 3000 });
            // What the scene highlights is drawn, and the words marked in the passage are the figure's.
            const mark = marks[scene];
            if (mark) await page.waitForSelector(`.article-figure ${mark}`, { state: 'attached', timeout: 5000 });
            const words = await page.$$eval(`.passage[data-passage="${i}"] mark.hl`, (ms) => ms.map((m) => m.dataset.mark));
            const figMark = await page.$eval('.article-figure [data-widget]', (e) => e.dataset.mark);
            assert(words.every((m) => m === figMark), `${at}: words marked ${words}, the figure marks ${figMark}`);
            // The figure in view: beside the passage on a wide screen; on a
            // phone, in the passage, over its slot between the heading and the paragraphs.
            if (ask) await readTo(page, i, scene);
            await page.waitForTimeout(150);
            const [fig, text, heading, slot, first] = await page.evaluate((i) => {
              const r = (e) => { const b = e.getBoundingClientRect(); return { top: b.top, bottom: b.bottom, left: b.left, right: b.right, height: b.height }; };
              const p = document.querySelectorAll('.passage')[i];
              return [r(document.querySelector('.article-figure')), r(p), r(p.querySelector('h2')), r(p.querySelector('.passage-still')), r(p.querySelector('p'))];
            }, i);
            assert(fig.top >= -1 && fig.bottom <= h + 1, `${at}: the figure is cut ${JSON.stringify(fig)}`);
            if (w > 900) {
              assert(fig.left >= text.right - 2, `${at}: the figure is not beside the text`);
              // A highlighted row or readout below the figure's fold is brought into its view.
              await page.waitForTimeout(400);
              const seen = await page.evaluate(() => {
                const f = document.querySelector('.article-figure');
                const ms = [...f.querySelectorAll('.marked:not(svg *)')].filter((e) => e.getClientRects().length > 0);
                if (!ms.length) return true;
                const a = f.getBoundingClientRect();
                const first = ms[0].getBoundingClientRect(); const last = ms[ms.length - 1].getBoundingClientRect();
                const firstIn = first.top >= a.top - 1 && first.top < a.bottom;
                // All of them, where they fit in the figure's height at once.
                const lastIn = last.bottom - first.top > a.height - 32 || last.bottom <= a.bottom + 1;
                return firstIn && lastIn;
              });
              assert(seen, `${at}: the figure's highlighted rows are out of its view`);
            }
            else {
              const where = JSON.stringify({ fig, heading, slot, first });
              assert(Math.abs(fig.top - slot.top) <= 2 && fig.bottom <= slot.bottom + 2, `${at}: the figure is not over its passage's slot ${where}`);
              assert(heading.bottom <= fig.top + 1 && first.top >= fig.bottom - 1, `${at}: the figure covers the passage's words ${where}`);
            }
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
            assert(overflow <= 0, `${at}: the page scrolls sideways by ${overflow}px`);
            await page.screenshot({ path: path.join(shots, `article-${slug}-${w}x${h}-${i + 1}-${scene}.png`) });
          }
          noErrors(errors, `${slug} article ${w}×${h}`);
        });
      }
    }]);

    tests.push([`article: ${slug}, with reduced motion every passage's scene arrives as a still, at 1024×768`, async () => {
      await withPage({ width: 1024, height: 768, reducedMotion: 'reduce' }, async ({ page, errors }) => {
        await page.goto(`${ctx.sub.base}?view=${slug}&article=1`);
        await ready(page);
        await figureShown(page);
        const passages = await page.$$eval('.passage', (ps) => ps.map((p) => p.dataset.scene));
        for (const [i, scene] of passages.entries()) {
          await readTo(page, i, scene);
          // Whatever the scene's motion, nothing plays: no CSS animation or transition, no falling mark.
          await page.waitForTimeout(100);
          const moving = await page.evaluate(() => ({
            running: document.getAnimations().filter((a) => a.playState === 'running').map((a) => a.animationName || a.transitionProperty || a.constructor.name),
            falling: !!document.querySelector('[data-falling]'),
          }));
          assert(moving.running.length === 0 && !moving.falling, `${slug} passage ${i + 1} (${scene}) moves: ${JSON.stringify(moving)}`);
          const fig = await page.$eval('.article-figure', (e) => { const r = e.getBoundingClientRect(); return [r.top, r.bottom]; });
          assert(fig[0] >= -1 && fig[1] <= 769, `${slug} passage ${i + 1}: the figure is cut at 1024×768 ${fig}`);
        }
        await page.screenshot({ path: path.join(shots, `article-${slug}-1024x768-still.png`) });
        noErrors(errors, `${slug} reduced motion`);
      });
    }]);

    tests.push([`article: ${slug}, a question is answered with the keyboard alone, and the answer is explained`, async () => {
      await withPage({}, async ({ page, errors }) => {
        await page.goto(`${ctx.sub.base}?view=${slug}&article=1`);
        await ready(page);
        await figureShown(page);
        const asks = await page.$$eval('.passage', (ps) => ps.map((p, i) => p.querySelector('.ask') ? i : -1).filter((i) => i >= 0));
        assert(asks.length >= 2, `${slug}: ${asks.length} questions`);
        const i = asks[1];
        const scene = await page.$eval(`.passage[data-passage="${i}"]`, (p) => p.dataset.scene);
        await readTo(page, i, scene);
        const before = await figureState(page);
        // Tab to the first choice, then down the list to the right one.
        const right = await page.$eval(`.passage[data-passage="${i}"] .ask`, (a) => Number(a.dataset.answer));
        await page.focus(`.passage[data-passage="${i}"] .ask-choice[data-choice="0"]`);
        for (let k = 0; k < right; k++) await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => document.activeElement.dataset.choice);
        assert(Number(focused) === right, `focus on choice ${focused}, not ${right}`);
        await page.keyboard.press('Enter');
        const reveal = await page.waitForSelector(`.passage[data-passage="${i}"] .ask-reveal`);
        assert(await reveal.getAttribute('data-right') === 'true', 'the right answer was not taken as right');
        const text = await reveal.textContent();
        assert(/\d/.test(text) && text.length > 60, `the answer explains nothing: ${text}`);
        const disabled = await page.$$eval(`.passage[data-passage="${i}"] .ask-choice`, (bs) => bs.every((b) => b.disabled));
        assert(disabled, 'choices still open after the answer');
        await page.waitForFunction((b) => {
          const q = new URLSearchParams(document.querySelector('.article-figure [data-widget]').dataset.state);
          q.delete('view');
          return [...q].map(([k, v]) => `${k}=${v}`).sort().join('&') !== b;
        }, before, { timeout: 3000 });
        noErrors(errors, `${slug} keyboard question`);
      });
    }]);

    tests.push([`article: ${slug}, axe finds no serious or critical violation in either theme`, async () => {
      for (const colorScheme of ['light', 'dark']) {
        await withPage({ bypassCSP: true, colorScheme }, async ({ page }) => {
          await page.goto(`${ctx.sub.base}?view=${slug}&article=1`);
          await ready(page);
          await figureShown(page);
          await page.click('.ask-choice[data-choice="1"]');
          await page.waitForSelector('.ask-reveal');
          // The figure's change plays out first: colours caught mid-fade are not the page's.
          await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 5000 }).catch(() => {});
          await page.waitForTimeout(300);
          await axeCheck(page, `${slug} article, ${colorScheme}`);
        });
      }
    }]);

    tests.push([`article: ${slug}, loads its own binary only, and prints as text with a still per passage`, async () => {
      await withPage({}, async ({ page, errors, requests }) => {
        await page.goto(`${ctx.sub.base}?view=${slug}&article=1`);
        await ready(page);
        await figureShown(page);
        await page.waitForTimeout(500);
        const wasm = requests.map((u) => new URL(u).pathname.split('/').pop()).filter((f) => f.endsWith('_bg.wasm'))
          .map((f) => f.slice(0, -8).replace(/-[0-9a-f]{8,16}$/, ''));
        assert(wasm.join() === slug, `wasm fetched: ${wasm}`);
        await page.emulateMedia({ media: 'print' });
        const printed = await page.evaluate(async () => {
          window.dispatchEvent(new Event('beforeprint'));
          const stills = [...document.querySelectorAll('.passage-still')];
          const loaded = (s) => (s.complete && s.naturalWidth > 0 ? null : new Promise((r) => { s.onload = r; s.onerror = r; }));
          await Promise.race([Promise.all(stills.map(loaded)), new Promise((r) => setTimeout(r, 8000))]);
          return {
            figure: getComputedStyle(document.querySelector('.article-figure')).display,
            stills: stills.map((s) => getComputedStyle(s).display === 'block' && s.naturalWidth > 0),
            passages: document.querySelectorAll('.passage').length,
          };
        });
        assert(printed.figure === 'none', 'the live figure prints');
        assert(printed.stills.length === printed.passages && printed.stills.every(Boolean), `stills: ${printed.stills}`);
        await page.pdf({ path: path.join(ctx.shots, `article-${slug}.pdf`) });
        noErrors(errors, `${slug} print`);
      });
    }]);
  }

  tests.push(['article: the gallery and the widget page link to it; a bad read value or a widget without one says so', async () => {
    await withPage({}, async ({ page, errors }) => {
      await page.goto(ctx.sub.base);
      await ready(page);
      const links = await page.$$eval('.card-read a', (as) => as.map((a) => a.getAttribute('href')));
      assert(ARTICLES.every(([s]) => links.includes(`?view=${s}&article=1`)), `gallery links ${links}`);
      await page.goto(`${ctx.sub.base}?view=ring`);
      await ready(page);
      await page.click('#read-article');
      await figureShown(page);
      assert(new URL(page.url()).searchParams.get('article') === '1', page.url());
      await page.goto(`${ctx.sub.base}?view=ring&article=maybe`);
      await ready(page);
      await page.waitForSelector('.notice');
      const said = await page.$$eval('.notice', (ns) => ns.map((n) => n.textContent).join(' '));
      assert(/article/.test(said) && await page.$('[data-figure]') && !(await page.$('.article-figure')), `bad read: ${said}`);
      noErrors(errors, 'article links');
    });
  }]);
  tests.push(['article: its own page opens it; without JavaScript it shows the whole essay, and the feed holds every article', async () => {
    await withPage({}, async ({ page, errors, context }) => {
      await page.goto(`${ctx.sub.base}ring.article.html`);
      await ready(page);
      await figureShown(page);
      const q = new URL(page.url()).searchParams;
      assert(q.get('view') === 'ring' && q.get('article') === '1', `opened ${page.url()}`);
      const feed = await page.evaluate(async () => {
        const d = new DOMParser().parseFromString(await (await fetch('feed.xml')).text(), 'application/xml');
        return {
          bad: !!d.querySelector('parsererror'),
          items: [...d.querySelectorAll('item')].map((i) => [i.querySelector('link').textContent, i.querySelector('description').textContent.length]),
        };
      });
      assert(!feed.bad && ARTICLES.every(([s]) => feed.items.some(([l, n]) => l.endsWith(`${s}.article.html`) && n > 5000)), `feed: ${JSON.stringify(feed)}`);
      noErrors(errors, 'ring.article.html');
      const plain = await context.browser().newContext({ javaScriptEnabled: false });
      try {
        const still = await plain.newPage();
        for (const [slug, marks] of ARTICLES) {
          await still.goto(`${ctx.sub.base}${slug}.article.html`);
          await still.waitForFunction(() => [...document.querySelectorAll('main img')].every((i) => i.complete && i.naturalWidth > 0), null, { timeout: 10000 });
          const shown = await still.evaluate(() => ({
            passages: document.querySelectorAll('main h2').length,
            pictures: [...document.querySelectorAll('main img')].map((i) => new URL(i.src).pathname.split('/').pop().replace('.svg', '')),
            answers: document.querySelectorAll('main details').length,
            words: document.querySelector('main').innerText.split(/\s+/).length,
            wide: document.documentElement.scrollWidth - innerWidth,
          }));
          assert(shown.passages === shown.pictures.length && shown.answers >= 2 && shown.words >= 1500, `${slug} without JavaScript: ${JSON.stringify(shown)}`);
          assert(Object.keys(marks).every((s) => shown.pictures.includes(s)), `${slug}: scenes pictured ${shown.pictures}`);
          assert(shown.wide <= 0, `${slug}: scrolls sideways by ${shown.wide}px`);
        }
        await still.screenshot({ path: path.join(ctx.shots, 'article-no-js.png') });
      } finally {
        await plain.close();
      }
    });
  }]);
  return tests;
}
