// Browser tests of the quorum widget as an explainer: its scenes (through the
// shared scene checks), the first screen, the messages' motion, the timeline's
// legend and labels, the two staleness questions and the comparison chart.
// `ctx` carries the shared helpers of run.mjs (server, page factory, assertions).

import path from 'node:path';
import { ready, metrics, assert } from './harness.mjs';
import { sceneChecks } from './scenes.mjs';

/// The quorum scenes: name, the figure it brings into view, and a selector
/// for what it highlights (checked present).
export const QUORUM_SCENES = [
  ['overlap', 'replicas', 'svg.replicas.marking .replica.marked.write.read'],
  ['one-each', 'replicas', 'svg.replicas.marking .replica.marked.read:not(.write)'],
  ['slow-motion', 'timeline', 'svg.timeline.marking line.msg.response.stale.marked'],
  ['how-long', 'over-time', '[data-figure="over-time"] .q-mark.marked [data-metric="p-consistent-0"]'],
  ['replica-down', 'replicas', 'svg.replicas.marking .replica.down.marked'],
  ['across-regions', 'over-time', '[data-figure="latency"].q-mark.marked [data-metric="read-p50"]'],
];

export async function openQuorum(ctx, page, query = '') {
  await page.goto(`${ctx.sub.base}?view=quorum${query}`);
  await ready(page);
  await page.waitForSelector('svg.replicas .replica');
  await page.waitForSelector('[data-metric="p-stale"]');
  // The timeline and the staleness-over-time panel are built once the page is idle.
  await page.waitForSelector('#q-t', { state: 'attached', timeout: 20000 });
  await page.waitForSelector('[data-metric="p-consistent-0"]', { state: 'attached', timeout: 20000 });
}

/// Waits until the staleness chart, which follows the controls once they are
/// still, has caught up with them.
export async function chartSettled(page) {
  await page.waitForFunction(() => !(document.querySelector('#q-chart-updating')?.textContent || '').includes('Updating'),
    null, { timeout: 10000 });
}

/// The boxes of the timeline's labels, and the drawing's.
function labelBoxes(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('svg.timeline');
    const s = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].map((t) => {
      const r = t.getBoundingClientRect();
      return { text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom,
        size: parseFloat(getComputedStyle(t).fontSize) * (s.width / svg.viewBox.baseVal.width) };
    });
    return { svg: { left: s.left, right: s.right, top: s.top, bottom: s.bottom }, texts };
  });
}

export function quorumTests(ctx) {
  const { withPage, noErrors, setRange, shots } = ctx;
  return [
    ...sceneChecks(ctx, 'quorum', QUORUM_SCENES),

    ['quorum: the first screen is the replicas with N, W and R; the jargon waits behind More', async () => {
      for (const [w, h] of [[1280, 800], [1024, 768], [1920, 1080], [360, 740]]) {
        await withPage({ width: w, height: h }, async ({ page, errors }) => {
          await openQuorum(ctx, page);
          await page.waitForSelector('#q-w');
          const fig = await page.$eval('svg.replicas', (e) => e.getBoundingClientRect().toJSON());
          if (w >= 1024) {
            assert(fig.bottom <= h + 1 && fig.top >= 0, `${w}×${h}: the replicas are not in the first screen ${JSON.stringify(fig)}`);
            for (const id of ['q-n', 'q-w', 'q-r']) {
              const b = await page.$eval(`#${id}`, (e) => e.getBoundingClientRect().toJSON());
              assert(b.bottom <= h + 1, `${w}×${h}: #${id} below the first screen`);
            }
          } else {
            assert(fig.top < h && fig.height >= 250, `${w}×${h}: the replicas start below the first screen ${JSON.stringify(fig)}`);
          }
          for (const id of ['q-k', 'q-trials', 'q-lw']) assert(!(await page.isVisible(`#${id}`)), `${w}×${h}: #${id} shows before More`);
          assert((await page.$$('[data-legend-for="replicas"] li')).length >= 4, 'no legend beside the replicas');
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert(overflow <= 0, `${w}×${h}: the page scrolls sideways by ${overflow}px`);
          const sizes = await page.$$eval('svg.replicas text', (ts) => ts.map((t) => parseFloat(getComputedStyle(t).fontSize)
            * (t.ownerSVGElement.getBoundingClientRect().width / 400)));
          assert(Math.min(...sizes) >= 11, `${w}×${h}: replica labels at ${Math.min(...sizes).toFixed(1)} px`);
          await page.screenshot({ path: path.join(shots, `quorum-first-${w}x${h}.png`) });
          noErrors(errors, `quorum first screen ${w}×${h}`);
        });
      }
      await withPage({}, async ({ page, errors }) => {
        await openQuorum(ctx, page);
        await page.click('#q-more-toggle');
        await page.waitForSelector('#q-trials', { state: 'visible' });
        await page.click('#q-delays-toggle');
        await page.waitForSelector('#q-lw', { state: 'visible' });
        noErrors(errors, 'quorum more');
      });
    }],

    ['quorum: a drag redraws what it changes at once; the checks, an unseen timeline and the messages follow once it stops', async () => {
      await withPage({ width: 1280, height: 800 }, async ({ page, errors }) => {
        await openQuorum(ctx, page);
        await chartSettled(page);
        const lanes = () => page.$$eval('svg.timeline .lane', (ls) => ls.length);
        const tlBefore = await page.$eval('svg.timeline', (e) => e.innerHTML);
        assert(await lanes() === 4, `lanes at N=3: ${await lanes()}`);
        // A drag of N, one input per frame, the timeline out of view.
        const seen = await page.evaluate(() => new Promise((resolve) => {
          const el = document.getElementById('q-n');
          const out = { pending: 0, frames: 0, journeys: new Set(), lanes: new Set() };
          let i = 0;
          const step = () => {
            const mc = document.querySelector('[data-metric="p-stale-mc"]');
            if (i > 0 && mc.textContent.includes('…') && mc.getAttribute('aria-busy') === 'true' && mc.dataset.value === '') out.pending++;
            out.journeys.add(document.querySelector('svg.replicas .packets').innerHTML);
            out.lanes.add(document.querySelectorAll('svg.timeline .lane').length);
            if (i === 30) { resolve({ ...out, journeys: out.journeys.size, lanes: [...out.lanes] }); return; }
            el.value = String(i % 2 ? 5 : 4);
            el.dispatchEvent(new Event('input', { bubbles: true }));
            i++;
            out.frames++;
            requestAnimationFrame(step);
          };
          requestAnimationFrame(step);
        }));
        // The diagram followed every input; the check said "…" throughout.
        assert(await page.$$eval('svg.replicas .replica', (r) => r.length) === 5, 'the diagram follows N');
        assert(seen.pending === 30, `the simulated figure was pending on ${seen.pending} of 30 frames`);
        // The messages played for the first input and not on every frame.
        assert(seen.journeys <= 3, `${seen.journeys} different journeys in a 30-frame drag`);
        assert(seen.lanes.length === 1 && seen.lanes[0] === 4, `the unseen timeline redrew mid-drag: ${seen.lanes}`);
        // Once still: the check shows a figure, the timeline has N + 1 lanes,
        // the journey plays for the final sets.
        await page.waitForFunction(() => document.querySelector('[data-metric="p-stale-mc"]').dataset.value !== '', null, { timeout: 5000 });
        await page.waitForFunction(() => document.querySelectorAll('svg.timeline .lane').length === 6, null, { timeout: 5000 });
        assert(await page.$eval('svg.timeline', (e) => e.innerHTML) !== tlBefore, 'the timeline caught up');
        const m = await metrics(page);
        assert(Number(m['mc-trials']) === 6000, `trials at N=5: ${m['mc-trials']}`);
        assert(Math.abs(Number(m['p-stale-mc']) - Number(m['p-stale'])) < 0.02, `check ${m['p-stale-mc']} vs exact ${m['p-stale']}`);
        await page.waitForFunction(() => document.getAnimations().some((a) => a.effect?.target?.classList.contains('packet')), null, { timeout: 3000 });
        // In view, the timeline follows a change at once.
        await page.locator('[data-figure="timeline"]').scrollIntoViewIfNeeded();
        await page.waitForTimeout(300);
        const inView = await page.evaluate(async () => {
          const el = document.getElementById('q-n');
          el.value = '3';
          el.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise((r) => requestAnimationFrame(() => r()));
          return document.querySelectorAll('svg.timeline .lane').length;
        });
        assert(inView === 4, `in view, the timeline did not follow within a frame: ${inView} lanes`);
        noErrors(errors, 'quorum drag');
      });
    }],

    ['quorum: the write and the read travel to and from the replicas in under 600 ms; reduced motion shows a still', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openQuorum(ctx, page, '&n=5&r=2&w=3');
        await setRange(page, 'q-r', 3);
        await page.waitForFunction(() => document.querySelectorAll('svg.replicas .link.read').length === 3);
        // Each packet's journey from its own style (delay + duration), so one
        // that has already arrived, and left no animation behind, still counts.
        const runs = await page.evaluate(() => [...document.querySelectorAll('svg.replicas .packet')].map((e) => {
          const s = getComputedStyle(e);
          const ms = (v) => (v.endsWith('ms') ? parseFloat(v) : parseFloat(v) * 1000);
          return { kind: [...e.classList].find((c) => c !== 'packet'), end: ms(s.animationDelay) + ms(s.animationDuration), name: s.animationName };
        }));
        assert(runs.every((r) => r.name === 'q-travel'), `packets not animated: ${JSON.stringify(runs)}`);
        const count = (k) => runs.filter((r) => r.kind === k).length;
        assert(count('write') === 3 && count('ack') === 3 && count('read') === 3 && count('reply') === 3, `packets ${JSON.stringify(runs)}`);
        assert(Math.max(...runs.map((r) => r.end)) < 600, `the journey takes ${Math.max(...runs.map((r) => r.end))} ms`);
        const ends = (k) => Math.max(...runs.filter((r) => r.kind === k).map((r) => r.end));
        assert(ends('write') <= ends('ack') && ends('ack') <= ends('read') && ends('read') <= ends('reply'), 'out, back, then the read');
        await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
        await page.click('#q-replay');
        await page.waitForFunction(() => document.getAnimations().some((a) => a.effect && a.effect.target && a.effect.target.classList.contains('packet')));
        noErrors(errors, 'quorum motion');
      });
      await withPage({ reducedMotion: 'reduce' }, async ({ page, errors }) => {
        await openQuorum(ctx, page, '&n=5&r=2&w=3');
        await setRange(page, 'q-r', 3);
        await page.waitForFunction(() => document.querySelectorAll('svg.replicas .link.read').length === 3);
        const running = await page.evaluate(() => document.getAnimations().length);
        assert(running === 0, `${running} animations under reduced motion`);
        const lines = await page.$$eval('svg.replicas .link', (ls) => ls.filter((l) => getComputedStyle(l).display !== 'none').map((l) => l.getAttribute('class')));
        assert(lines.filter((c) => c.includes('write')).length === 3 && lines.filter((c) => c.includes('read')).length === 3, `no still lines: ${lines}`);
        assert(!(await page.isVisible('svg.replicas .packet')), 'packets drawn under reduced motion');
        noErrors(errors, 'quorum still');
      });
    }],

    ['quorum: the timeline has a legend, and its labels neither overlap nor leave the drawing, with a crashed replica, at 1280 and 360', async () => {
      for (const [w, h] of [[1280, 800], [360, 740]]) {
        for (const q of ['&n=3&r=1&w=1&failed=2&read=1', '&n=5&r=2&w=2&failed=0,3&read=0.5', '&n=3&r=1&w=1&seed=7&read=2']) {
          await withPage({ width: w, height: h }, async ({ page, errors }) => {
            await openQuorum(ctx, page, q);
            await page.waitForSelector('svg.timeline .mark text');
            const { svg, texts } = await labelBoxes(page);
            const marks = texts.filter((t) => /commit|read returns/.test(t.text));
            assert(marks.length === 2, `${w} ${q}: labels ${JSON.stringify(texts.map((t) => t.text))}`);
            for (const t of texts) {
              assert(t.left >= svg.left - 0.5 && t.right <= svg.right + 0.5 && t.top >= svg.top - 0.5, `${w} ${q}: "${t.text}" leaves the drawing`);
              assert(t.size >= 11, `${w} ${q}: "${t.text}" at ${t.size.toFixed(1)} px`);
            }
            const [a, b] = marks;
            const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
            assert(apart, `${w} ${q}: "${a.text}" and "${b.text}" overlap`);
            assert((await page.$$('[data-legend-for="timeline"] li')).length >= 6, 'no timeline legend');
            const legend = await page.$eval('[data-legend-for="timeline"]', (e) => e.textContent);
            for (const word of ['orange', 'blue', 'dashed', 'dotted']) assert(legend.includes(word), `the legend says nothing of ${word}`);
            noErrors(errors, `timeline labels ${w} ${q}`);
          });
        }
      }
    }],

    ['quorum: a read that returns the new value before the commit is explained', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openQuorum(ctx, page, '&n=3&r=1&w=3&read=0.5&seed=1');
        await page.waitForSelector('[data-figure="timeline"] .note');
        const note = await page.$eval('[data-figure="timeline"] .note', (e) => e.textContent);
        assert(note.includes('returns the new value') && note.includes('before the commit'), `no explanation: ${note}`);
        await openQuorum(ctx, page, '&n=3&r=1&w=3&read=50&seed=1');
        await page.waitForSelector('[data-figure="timeline"] .note');
        const plain = await page.$eval('[data-figure="timeline"] .note', (e) => e.textContent);
        assert(!plain.includes('before the commit'), `explained when nothing needs it: ${plain}`);
        noErrors(errors, 'early read');
      });
    }],

    ['quorum: the two staleness questions are told apart, with both answers', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openQuorum(ctx, page, '&n=3&r=1&w=1&lat=disk');
        await page.waitForSelector('[data-metric="p-consistent-0"]');
        await page.waitForFunction(() => document.querySelector('[data-metric="p-consistent-0"]').dataset.value !== '');
        const m = await metrics(page);
        const pct = (v) => `${(Number(v) * 100).toFixed(1)}%`;
        const note = await page.$eval('#q-versus', (e) => e.textContent);
        assert(note.includes(pct(m['p-stale'])) && note.includes(pct(m['p-consistent-0'])), `${note} vs ${JSON.stringify(m)}`);
        assert(Number(m['p-consistent-0']) > 1 - Number(m['p-stale']), 'with delays the read is fresh more often than a random quorum');
        assert(await page.$eval('[data-metric="p-consistent-0"] .readout-label', (e) => e.textContent.includes('with delays')), 'the readout does not say it is simulated with delays');
        noErrors(errors, 'two questions');
      });
    }],

    ['quorum: the comparison chart never plots a setting against itself', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openQuorum(ctx, page, '&n=3&r=2&w=2&cr=2&cw=2');
        await page.waitForSelector('#q-cmp-note');
        const note = await page.$eval('#q-cmp-note', (e) => e.textContent);
        assert(note.includes('R = 1, W = 1'), note);
        await page.waitForFunction(() => document.querySelector('[data-metric="t-999-cmp"]').dataset.value !== '');
        let m = await metrics(page);
        assert(m['t-999'] === '0' && Number(m['t-999-cmp']) > 0, `the comparison is the setting: ${m['t-999']} ${m['t-999-cmp']}`);
        await setRange(page, 'q-cmp-w', 1);
        await page.waitForFunction(() => !document.querySelector('#q-cmp-note'));
        // Now the setting walks onto the comparison (R = 2, W = 1): the chart
        // compares with majorities instead.
        await setRange(page, 'q-w', 1);
        await page.waitForSelector('#q-cmp-note');
        assert((await page.$eval('#q-cmp-note', (e) => e.textContent)).includes('R = 2, W = 2'), 'not compared with majorities');
        await page.waitForFunction(() => document.querySelector('[data-metric="t-999"]').dataset.value !== '0');
        m = await metrics(page);
        assert(m['t-999-cmp'] === '0' && Number(m['t-999']) > 0, `R=2 W=1 against itself: ${m['t-999']} ${m['t-999-cmp']}`);
        noErrors(errors, 'comparison');
      });
    }],
  ];
}
