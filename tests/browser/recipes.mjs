// The embedding guide's recipes, tried: each recipe's snippet is taken from
// docs/embedding.md, expanded as its platform would (a shortcode's argument
// filled in, a config's script added), put in a page of another origin with
// the app's address for https://example.org/dials/, and its embed must load.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assert } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const DOC = path.resolve(here, '../../docs/embedding.md');
const EXAMPLE = 'https://example.org/dials/';

/// The fenced blocks under each `### ` heading of the Recipes section.
function recipes() {
  const text = fs.readFileSync(DOC, 'utf8');
  const section = text.split('\n## Recipes\n')[1].split('\n## ')[0];
  const out = {};
  for (const part of section.split('\n### ').slice(1)) {
    const [heading, ...rest] = part.split('\n');
    const body = rest.join('\n');
    out[heading.trim()] = { blocks: [...body.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]), prose: body };
  }
  return out;
}

/// A page of a blog (site.css: a 700 px column), or with `own` head
/// elements and no blog style (a slide deck).
function page(title, body, head = '', own = false) {
  const style = own ? '' : '<link rel="stylesheet" href="/site.css">';
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title>`
    + `<link rel="icon" href="data:,">${style}${head}</head>\n<body>\n${body}\n</body></html>\n`;
}

/// Each recipe as the page its platform would write, by name.
export async function recipePages() {
  const r = recipes();
  const need = (name) => { assert(r[name], `the guide has no recipe "${name}"`); return r[name]; };
  const arg = (prose, re) => { const m = re.exec(prose); assert(m, `no usage matching ${re}`); return m[1]; };
  const pages = {};
  pages.plain = page('Plain HTML', need('Plain HTML').blocks[0]);
  const hugo = need('Hugo');
  pages.hugo = page('Hugo', hugo.blocks[0].replaceAll('{{ .Get "scene" }}', arg(hugo.prose, /\{\{< dials scene="([^"]+)" >\}\}/)));
  const jekyll = need('Jekyll');
  pages.jekyll = page('Jekyll', jekyll.blocks[0].replaceAll('{{ include.scene }}', arg(jekyll.prose, /include dials\.html scene="([^"]+)"/)));
  // Eleventy's config is run: the shortcode it registers writes the embed.
  const eleventy = need('Eleventy');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dials-11ty-')), 'eleventy.config.mjs');
  fs.writeFileSync(file, eleventy.blocks[0]);
  const shortcodes = {};
  (await import(pathToFileURL(file).href)).default({ addShortcode: (name, fn) => { shortcodes[name] = fn; } });
  assert(shortcodes.dials, 'the Eleventy config registers no dials shortcode');
  pages.eleventy = page('Eleventy', shortcodes.dials(arg(eleventy.prose, /\{% dials "([^"]+)" %\}/)));
  // MDX: the element as written, the script as Docusaurus's config adds it (in the head).
  const mdx = need('MDX (Docusaurus, Astro)');
  const src = arg(mdx.prose, /scripts: \[\{ src: '([^']+)', defer: true \}\]/);
  pages.mdx = page('MDX', mdx.blocks[0], `<script src="${src}" defer></script>`);
  pages.mdbook = page('mdBook', need('mdBook').blocks[0]);
  // reveal.js itself (from npm), one slide holding the recipe's section.
  pages.reveal = page('reveal.js',
    `<div class="reveal"><div class="slides">${need('reveal.js').blocks[0]}</div></div>`
    + '\n<script src="/node_modules/reveal.js/dist/reveal.js"></script><script src="/reveal-start.js"></script>',
    '<link rel="stylesheet" href="/node_modules/reveal.js/dist/reveal.css">', true);
  pages.iframe = page('Iframe only', need('Platforms that allow only iframes').blocks[0]);
  for (const k of Object.keys(pages)) {
    assert(pages[k].includes(EXAMPLE), `recipe ${k} names no build`);
  }
  return pages;
}

export function recipeTests(ctx) {
  const { withPage, noErrors, shots } = ctx;
  return [
    ['embed recipes: every recipe in the guide renders its embed', async () => {
      const pages = await recipePages();
      for (const name of Object.keys(pages)) {
        const size = name === 'reveal' ? { width: 960, height: 540 } : { width: 1000, height: 900 };
        await withPage(size, async ({ page, errors }) => {
          await page.goto(`${ctx.hosts.base}recipe/${name}.html`);
          if (name === 'iframe') {
            // No script: the iframe keeps its height, and the widget runs in it.
            const frame = await (await page.$('iframe')).contentFrame();
            await frame.waitForSelector('.widget[data-scene]', { timeout: 30000 });
          } else {
            await page.waitForFunction(() => {
              const e = document.querySelector('dials-embed');
              return e && e.dataset.state === 'ready';
            }, null, { timeout: 30000 });
            const f = await page.evaluateHandle(() => document.querySelector('dials-embed').shadowRoot.querySelector('iframe'));
            const frame = await f.asElement().contentFrame();
            const scene = await frame.$eval('.widget', (w) => w.dataset.scene);
            assert(scene, `${name}: no scene shown`);
            if (name === 'reveal') {
              const fits = await frame.evaluate(() => document.documentElement.scrollHeight <= innerHeight + 1);
              assert(fits, 'reveal.js: the scene does not fit its slide');
            }
          }
          await page.screenshot({ path: `${shots}/recipe-${name}.png` });
          noErrors(errors, `recipe ${name}`);
        });
      }
    }],
  ];
}
