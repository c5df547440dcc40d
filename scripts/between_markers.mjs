// Replaces what lies between `<!-- NAME:start -->` and `<!-- NAME:end -->` in a
// Markdown document with the contents of a results file.
//
//   node scripts/between_markers.mjs docs/benchmarks.md results.md bench

import fs from 'node:fs';

const [doc, results, name] = process.argv.slice(2);
if (!doc || !results || !name) {
  console.error('usage: between_markers.mjs DOC RESULTS NAME');
  process.exit(2);
}
const text = fs.readFileSync(doc, 'utf8');
const start = `<!-- ${name}:start -->`;
const end = `<!-- ${name}:end -->`;
const a = text.indexOf(start);
const b = text.indexOf(end);
if (a < 0 || b < a) {
  console.error(`${doc}: markers ${start} / ${end} not found; results are in ${results}`);
  process.exit(1);
}
const body = fs.readFileSync(results, 'utf8').trimEnd();
fs.writeFileSync(doc, `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`);
console.error(`\nwrote the results into ${doc}`);
