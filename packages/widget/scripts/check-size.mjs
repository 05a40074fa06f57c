// Fails the build when the first script grows past its budget (gzip -9): all the script a
// page with the form in Bahasa Indonesia fetches before the form is interactive. Prints
// each chunk with when it is fetched (chunks.json), and, for a chunk some pages fetch at
// once beside the first script (English, a status element), what those pages fetch in all.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 16 * 1024;
const dist = new URL('../dist/', import.meta.url);
const chunks = JSON.parse(readFileSync(new URL('../chunks.json', import.meta.url), 'utf8'));
const gzipped = (file) => {
  const raw = readFileSync(file);
  return [raw.length, gzipSync(raw, { level: 9 }).length];
};
const n = (bytes) => bytes.toLocaleString('en');

const [raw, size] = gzipped(new URL('aduan.js', dist));
console.log(
  `dist/aduan.js: ${n(raw)} bytes, ${n(size)} bytes gzipped (budget ${n(BUDGET)}): all the script before the form is interactive, in Bahasa Indonesia`,
);
for (const file of readdirSync(new URL('chunks/', dist)).filter((f) => f.endsWith('.js'))) {
  const name = file.replace(/-[\w-]{8}\.js$/, '');
  const chunk = chunks[name];
  if (!chunk) throw new Error(`dist/chunks/${file} is in no entry of chunks.json`);
  const [chunkRaw, chunkSize] = gzipped(new URL(`chunks/${file}`, dist));
  const atOnce = chunk.atOnceOn ? `; on ${chunk.atOnceOn} at once, beside aduan.js: ${n(size + chunkSize)} bytes gzipped in all` : '';
  console.log(`dist/chunks/${file}: ${n(chunkRaw)} bytes, ${n(chunkSize)} bytes gzipped (fetched ${chunk.fetched}${atOnce})`);
}
if (size > BUDGET) {
  console.error(`dist/aduan.js is ${n(size - BUDGET)} bytes over the ${n(BUDGET)}-byte gzip budget`);
  process.exit(1);
}
