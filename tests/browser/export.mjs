// Browser tests of export: every diagram of every widget saved as SVG (well
// formed, in the current theme) and as PNG at 1× and 2× (the right size), and
// every chart's numbers as CSV: whole whether or not its section was opened,
// with unique header names.

import fs from 'node:fs';
import { ready, assert } from './harness.mjs';

/// Clicks `selector` and returns the download it starts: its name and bytes.
async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), page.click(selector)]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

/// Width and height from a PNG's header.
function pngSize(bytes) {
  const sig = bytes.subarray(0, 8).toString('hex');
  assert(sig === '89504e470d0a1a0a', `not a PNG: ${sig}`);
  assert(bytes.subarray(12, 16).toString('ascii') === 'IHDR', 'no IHDR chunk');
  return { w: bytes.readUInt32BE(16), h: bytes.readUInt32BE(20) };
}

/// Rows of RFC 4180 CSV text.
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  assert(!quoted && field === '' && row.length === 0, 'CSV ends mid-row');
  return rows;
}

async function openExport(page) {
  await page.click('#export > summary');
  await page.waitForSelector('#export[open] [data-export]');
}

const PAGES = [
  { q: '?view=ring&nodes=5&keys=2000', figures: ['ring-svg'], charts: ['ring-load-chart'] },
  { q: '?view=quorum', figures: ['replica-svg', 'timeline-svg'], charts: ['q-chart'] },
  { q: '?view=cache&left=clock&right=arc&at=9', figures: ['lanes-left', 'lanes-right'], charts: [] },
  { q: '?view=cache&mode=compare&work=zipf&reqs=5000&keys=500', figures: [], charts: ['cache-chart'] },
  { q: '?view=rate-limit', figures: ['rl-lanes'], charts: [] },
  { q: '?view=cells&arch=shuffle', figures: ['cells-grid'], charts: ['cells-overlap-chart', 'cells-shard-radius-chart', 'cells-shard-cost-chart'] },
  { q: '?view=queue', figures: ['queue-picture'], charts: ['queue-curve-chart', 'queue-dist-chart', 'queue-queues-chart'] },
];

/// Every page state whose charts the CSV test downloads: each widget at its
/// defaults, and the modes that add charts (the quorum's comparison equal to
/// the current setting names two lines alike).
const CSV_PAGES = [
  { q: '?view=ring', min: 2 },
  { q: '?view=quorum', min: 1 },
  { q: '?view=quorum&r=2&w=2&cr=2&cw=2', min: 1 },
  { q: '?view=cache&mode=compare&work=zipf&reqs=5000&keys=500', min: 1 },
  { q: '?view=rate-limit', min: 1, must: ['rl-dist-chart'] },
  { q: '?view=cells', min: 1 },
  { q: '?view=cells&arch=shuffle', min: 3 },
  { q: '?view=cells&fault=deploy', min: 1, must: ['cells-deploy-chart'] },
  { q: '?view=queue', min: 4, must: ['queue-curve-chart', 'queue-compare'] },
];

/// Header names that appear more than once.
function repeated(header) {
  return header.filter((h, i) => header.indexOf(h) !== i);
}

export function exportTests(ctx) {
  const { withPage, noErrors } = ctx;
  return [
    ['export: every CSV each widget offers is whole (a header, data rows, unique names) without opening any section first', async () => {
      await withPage({}, async ({ page, errors }) => {
        for (const { q, min, must = [] } of CSV_PAGES) {
          await page.goto(`${ctx.sub.base}${q}`);
          await ready(page);
          await page.waitForSelector('.widget');
          // The figures built once the page is idle, and the charts that follow the controls once still.
          await page.waitForTimeout(1200);
          await openExport(page);
          const opened = await page.$$eval('.widget details[open]', (ds) => ds.map((d) => d.id || d.className));
          assert(opened.length === 0, `${q}: sections open before the download: ${opened}`);
          const ids = await page.$$eval('[data-export="csv"]', (bs) => bs.map((b) => b.dataset.exportOf));
          assert(ids.length >= min, `${q}: ${ids.length} CSV files offered (${ids}), want at least ${min}`);
          for (const id of must) assert(ids.includes(id), `${q}: ${id} not offered (offered ${ids})`);
          for (const id of ids) {
            const rows = parseCsv((await download(page, `[data-export="csv"][data-export-of="${id}"]`)).bytes.toString('utf8'));
            assert(rows.length >= 2, `${q} ${id}: ${rows.length} rows: ${JSON.stringify(rows)}`);
            const header = rows[0];
            assert(header.length >= 2 && header.every((h) => h !== ''), `${q} ${id}: header ${JSON.stringify(header)}`);
            const twice = repeated(header);
            assert(twice.length === 0, `${q} ${id}: header names repeated: ${twice} in ${JSON.stringify(header)}`);
            const data = rows.slice(1);
            assert(data.every((r) => r.length === header.length), `${q} ${id}: a row's width differs from the header's`);
            assert(data.some((r) => r.slice(1).some((f) => f !== '')), `${q} ${id}: no value in any row`);
          }
          // Still nothing opened by the downloads.
          assert((await page.$$('.widget details[open]')).length === 0, `${q}: a download opened a section`);
        }
        noErrors(errors, 'whole csv');
      });
    }],

    ['export: every diagram as a well-formed SVG and a PNG of the right size at 1× and 2×', async () => {
      await withPage({ width: 1280, height: 900 }, async ({ page, errors }) => {
        for (const { q, figures } of PAGES) {
          if (!figures.length) continue;
          await page.goto(`${ctx.sub.base}${q}`);
          await ready(page);
          await page.waitForSelector('.widget');
          await page.waitForTimeout(400);
          await openExport(page);
          const listed = await page.$$eval('[data-export="svg"]', (bs) => bs.map((b) => b.dataset.exportOf));
          for (const id of figures) assert(listed.includes(id), `${q}: ${id} not offered (offered ${listed})`);
          for (const id of figures) {
            const svg = await download(page, `[data-export="svg"][data-export-of="${id}"]`);
            assert(svg.name === `dials-${id}.svg`, `name ${svg.name}`);
            const text = svg.bytes.toString('utf8');
            const check = await page.evaluate((t) => {
              const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
              const root = doc.documentElement;
              return {
                error: doc.querySelector('parsererror')?.textContent || '',
                tag: root.localName,
                ns: root.namespaceURI,
                elements: doc.getElementsByTagName('*').length,
                scripts: doc.getElementsByTagName('script').length,
                classes: doc.querySelectorAll('[class]').length,
              };
            }, text);
            assert(!check.error, `${id}: SVG does not parse: ${check.error}`);
            assert(check.tag === 'svg' && check.ns === 'http://www.w3.org/2000/svg', `${id}: root ${check.tag} ${check.ns}`);
            assert(check.elements > 10 && check.scripts === 0 && check.classes === 0, `${id}: ${JSON.stringify(check)}`);
            const box = await page.$eval(`#${id}`, (e) => { const r = e.getBoundingClientRect(); return { w: Math.round(r.width), h: Math.round(r.height) }; });
            for (const scale of [1, 2]) {
              const png = await download(page, `[data-export="png${scale}"][data-export-of="${id}"]`);
              const size = pngSize(png.bytes);
              assert(size.w === box.w * scale, `${id} @${scale}x: width ${size.w}, want ${box.w * scale}`);
              // The cache's queues are HTML on the page and laid out afresh for the picture.
              if (!id.startsWith('lanes-')) assert(size.h === box.h * scale, `${id} @${scale}x: height ${size.h}, want ${box.h * scale}`);
              else assert(size.h > 60 * scale, `${id} @${scale}x: height ${size.h}`);
            }
          }
          const status = await page.$eval('.export-status', (e) => e.textContent);
          assert(status.startsWith('Saved dials-'), `status ${status}`);
        }
        noErrors(errors, 'export');
      });
    }],

    ['export: pictures follow the theme being viewed', async () => {
      await withPage({ colorScheme: 'dark' }, async ({ page, errors }) => {
        for (const [q, id, dark] of [['?view=ring&nodes=4', 'ring-svg', '#161a20'], ['?view=cells', 'cells-grid', '#161a20'], ['?view=cache&at=5', 'lanes-left', '#161a20']]) {
          await page.goto(`${ctx.sub.base}${q}`);
          await ready(page);
          await page.waitForSelector('.widget');
          await page.waitForTimeout(300);
          await openExport(page);
          const text = (await download(page, `[data-export="svg"][data-export-of="${id}"]`)).bytes.toString('utf8');
          assert(text.includes(dark), `${id}: no dark background ${dark} in ${text.slice(0, 400)}`);
        }
        noErrors(errors, 'dark export');
      });
    }],

    ['export: every chart\'s numbers as CSV', async () => {
      await withPage({}, async ({ page, errors }) => {
        for (const { q, charts } of PAGES) {
          if (!charts.length) continue;
          await page.goto(`${ctx.sub.base}${q}`);
          await ready(page);
          await page.waitForSelector('.widget');
          await page.waitForTimeout(600);
          await openExport(page);
          for (const id of charts) {
            const csv = await download(page, `[data-export="csv"][data-export-of="${id}"]`);
            assert(csv.name === `dials-${id}.csv`, `name ${csv.name}`);
            const rows = parseCsv(csv.bytes.toString('utf8'));
            assert(rows.length >= 3, `${id}: ${rows.length} rows`);
            const width = rows[0].length;
            assert(width >= 2, `${id}: header ${rows[0]}`);
            // Every row is as wide as the header and its last field a number.
            for (const r of rows.slice(1)) {
              assert(r.length === width, `${id}: row ${r} vs header ${rows[0]}`);
              const last = r[r.length - 1];
              assert(last === '' || Number.isFinite(Number(last)), `${id}: row ${r}`);
            }
          }
        }
        // The ring's load chart: one row per node, its keys summing to every key.
        await page.goto(`${ctx.sub.base}?view=ring&nodes=7&keys=3000`);
        await ready(page);
        await page.waitForSelector('.widget');
        await page.waitForTimeout(400);
        await openExport(page);
        const rows = parseCsv((await download(page, '[data-export="csv"][data-export-of="ring-load-chart"]')).bytes.toString('utf8')).slice(1);
        assert(rows.length === 7, `${rows.length} rows`);
        const total = rows.reduce((s, r) => s + Number(r[1]), 0);
        assert(total === 3000, `keys ${total}`);
        noErrors(errors, 'csv');
      });
    }],
    ['export: the panel keeps keyboard focus while the widget changes', async () => {
      await withPage({}, async ({ page, errors }) => {
        await page.goto(`${ctx.sub.base}?view=ring`);
        await ready(page);
        // The figures built once the page is idle join the panel's list first.
        await page.waitForSelector('.widget');
        await page.waitForTimeout(400);
        await page.click('#export summary');
        await page.focus('[data-export="csv"][data-export-of="ring-load-chart"]');
        const before = await page.$eval('[data-export-of="ring-load-chart"]', (e) => e.closest('li').textContent);
        await page.keyboard.press('1'); // a preset: every figure changes
        await page.waitForFunction(() => location.search.includes('vnodes=1&'), null, { timeout: 5000 });
        const focused = await page.evaluate(() => document.activeElement?.dataset.exportOf);
        assert(focused === 'ring-load-chart', `focus moved to ${focused}`);
        const after = await page.$eval('[data-export-of="ring-load-chart"]', (e) => e.closest('li').textContent);
        assert(after === before && before.includes('Keys per node'), `row: ${before} → ${after}`);
        noErrors(errors, 'export focus');
      });
    }],
  ];
}
