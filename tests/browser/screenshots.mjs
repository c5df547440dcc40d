// Writes the README's screenshots: each widget in a state that shows what it
// is for, light theme, animations off; the first 1280 × 900 of the page, or the
// section that holds the figure.
//
//   node tests/browser/screenshots.mjs [built folder, default dist]
//
// Writes docs/img/<widget>.png. Run it after a visible change and look at them.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, openPage, ready } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.resolve(process.argv[2] || path.join(root, 'dist'));
// [file, query, heading of the section to capture (none: the viewport)]
const SHOTS = [
  ['ring', '?view=ring&scene=node-joins', null],
  ['quorum', '?view=quorum', null],
  ['cache', '?view=cache&seq=A+B+A+B+A+B+C+D+E+F+G+A+B+A+B+H+I+J+K+A+B&slots=4&left=lru&right=s3fifo&at=12', null],
  ['rate-limit', '?view=rate-limit&t=6400', null],
  ['cells', '?view=cells&arch=shuffle&workers=16&shard=3&tenants=300&failed=0,10,12&pick=7', null],
  ['queue', '?view=queue&policy=round-robin&slow=30&load=70&at=60', null],
];

const { base, close } = await serve(dir, '/');
const browser = await launch();
try {
  for (const [name, query, heading] of SHOTS) {
    const { page, context, errors } = await openPage(browser, {
      width: 1280, height: 900, reducedMotion: 'reduce', serviceWorkers: 'block',
    });
    await page.goto(`${base}${query}`);
    await ready(page);
    await page.waitForSelector('.widget');
    // Figures that wait for still controls, and the cache's sliced runs, finish.
    await page.waitForTimeout(2500);
    const file = path.join(root, 'docs', 'img', `${name}.png`);
    if (heading) {
      const section = page.locator('section', { has: page.locator('h2', { hasText: heading }) }).first();
      await section.screenshot({ path: file });
    } else {
      await page.screenshot({ path: file });
    }
    if (errors.length) throw new Error(`${name}: ${errors.join('; ')}`);
    console.log(`wrote ${path.relative(root, file)}`);
    await context.close();
  }
} finally {
  await browser.close();
  close();
}
