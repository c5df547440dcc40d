// Browser tests of the queues and load balancing widget. `ctx` carries the
// shared helpers of run.mjs (server, page factory, assertions).

import path from 'node:path';
import { ready, metrics, assert } from './harness.mjs';
import { sceneChecks } from './scenes.mjs';

/// The queue scenes: name, the figure it brings into view, and what it highlights.
export const QUEUE_SCENES = [
  ['one-server', 'curve', '#queue-curve-chart'],
  ['slow-server', 'picture', 'canvas.queue-picture[data-marked="slow"]'],
  ['least-outstanding', 'picture', 'table.queue-table.marking tr.marked[data-policy="least"]'],
  ['two-choices', 'curve', 'table.queue-table.marking tr.marked[data-policy="choices"]'],
  ['fan-out', 'dist', '#queue-dist-chart'],
  ['hedging', 'dist', '#queue-dist-chart'],
];

/// Waits until the run and the sweeps have caught up with the controls.
async function caughtUp(page) {
  await page.waitForFunction(() => ![...document.querySelectorAll('.queue-widget .updating, .queue-widget [aria-busy="true"]')]
    .some((e) => e.getAttribute('aria-busy') === 'true' || e.textContent.includes('Updating')), null, { timeout: 20000 });
}

export async function openQueue(ctx, page, query = '') {
  await page.goto(`${ctx.sub.base}?view=queue${query}`);
  await ready(page);
  await page.waitForSelector('canvas.queue-picture');
  await page.waitForSelector('[data-metric="mean"]');
  await caughtUp(page);
}

/// How many pixels of the picture are drawn in a strong colour (the jobs and
/// busy servers), which changes as the queues do.
function inked(page) {
  return page.$eval('canvas.queue-picture', (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] > 200 && Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 90) n++;
    }
    return n;
  });
}

export function queueTests(ctx) {
  const { withPage, noErrors, setRange, shots } = ctx;
  const num = async (page, metric) => Number(await page.$eval(`[data-metric="${metric}"]`, (e) => e.dataset.value));
  return [
    ...sceneChecks(ctx, 'queue', QUEUE_SCENES, { wait: caughtUp }),

    ['queue: the gallery opens it; the load slider moves the latency, beside its closed form', async () => {
      await withPage({}, async ({ page, errors }) => {
        await page.goto(ctx.sub.base);
        await page.click('.card[data-widget="queue"] a');
        await page.waitForSelector('canvas.queue-picture');
        await caughtUp(page);
        assert(await inked(page) > 0, 'the picture draws the servers');
        await setRange(page, 'queue-load', 50);
        await caughtUp(page);
        const at50 = await num(page, 'mean');
        const cf50 = await num(page, 'closed-mean');
        assert(Math.abs(cf50 - 20) < 1e-9, `M/M/1 at 50 %: 10 ms ÷ 0.5 = 20 ms, shown ${cf50}`);
        assert(Math.abs(at50 - cf50) / cf50 < 0.15, `simulated ${at50} near the closed form ${cf50}`);
        await setRange(page, 'queue-load', 95);
        await caughtUp(page);
        const at95 = await num(page, 'mean');
        assert(at95 > 5 * at50, `95 % waits far longer: ${at95} vs ${at50}`);
        await page.waitForFunction(() => new URL(location.href).searchParams.get('load') === '95', null, { timeout: 5000 });
        await page.selectOption('#queue-policy', 'round-robin');
        await caughtUp(page);
        assert(await page.$eval('[data-metric="closed-mean"]', (e) => e.dataset.value) === '', 'no closed form for round robin');
        await page.screenshot({ path: path.join(shots, 'queue.png'), fullPage: true });
        noErrors(errors, 'queue load');
      });
    }],

    ['queue: a deep link restores every control; a slow server piles up under round robin and not under least outstanding', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openQueue(ctx, page, '&policy=round-robin&slow=30&load=70&servers=10&at=90&seed=4');
        assert(await page.$eval('#queue-policy', (e) => e.value) === 'round-robin', 'policy');
        assert(await page.$eval('#queue-load', (e) => e.value) === '70', 'load');
        assert(await page.$eval('#queue-slow', (e) => e.value) === '30', 'slow');
        const rr = Number(await page.$eval('canvas.queue-picture', (c) => c.dataset.first));
        const rrP99 = await num(page, 'p99');
        assert(rr > 50, `S1's line at 90 % of the run under round robin: ${rr}`);
        await page.selectOption('#queue-policy', 'least');
        await caughtUp(page);
        const least = Number(await page.$eval('canvas.queue-picture', (c) => c.dataset.first));
        assert(least < 10, `least outstanding keeps S1's line short: ${least}`);
        assert(await num(page, 'p99') < rrP99 / 5, 'and the tail falls');
        await page.waitForFunction(() => new URL(location.href).searchParams.get('policy') === 'least', null, { timeout: 5000 });
        const q = new URL(page.url()).searchParams;
        assert(q.get('seed') === '4' && q.get('at') === '90', `link ${page.url()}`);
        noErrors(errors, 'queue link');
      });
    }],

    ['queue: play moves the moment and pause writes it to the link; the arrows step it', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openQueue(ctx, page, '&at=10');
        const before = await inked(page);
        await page.click('#queue-play');
        await page.waitForTimeout(800);
        await page.click('#queue-play');
        await page.waitForFunction(() => Number(new URL(location.href).searchParams.get('at')) > 10, null, { timeout: 5000 });
        const after = await inked(page);
        assert(after !== before, 'the picture changed while playing');
        const at = Number(new URL(page.url()).searchParams.get('at'));
        await page.click('#queue-forward');
        await page.waitForFunction((a) => Number(new URL(location.href).searchParams.get('at')) > a, at, { timeout: 5000 });
        await page.click('#queue-back');
        await page.click('#queue-back');
        await page.waitForFunction((a) => Number(new URL(location.href).searchParams.get('at')) < a, at, { timeout: 5000 });
        noErrors(errors, 'queue play');
      });
    }],

    ['queue: fan-out and hedging show their effect on the tail, with the closed form of 1 − 0.99^n', async () => {
      await withPage({}, async ({ page, errors }) => {
        await openQueue(ctx, page, '&scene=fan-out');
        const caption = await page.$eval('.tour-caption', (e) => e.textContent);
        assert(/1 − 0\.99\^50 = 39 %/.test(caption), `caption: ${caption}`);
        await page.goto(`${ctx.sub.base}?view=queue&scene=hedging`);
        await page.waitForSelector('.tour-card[data-scene="hedging"]');
        await caughtUp(page);
        const text = await page.$eval('.tour-caption', (e) => e.textContent);
        assert(/the p99 falls from/.test(text) && /more work/.test(text), `caption: ${text}`);
        const m = await metrics(page);
        assert(Number(m.p99) > 0, 'the hedged run has a p99');
        noErrors(errors, 'queue tail');
      });
    }],
  ];
}
